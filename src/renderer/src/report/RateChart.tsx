/**
 * Click rate and click-to-open rate over send date, one point per emailing: a Chart.js line
 * chart over a category axis of send dates (ready-made labels, no date adapter). A rate
 * Copernica's figures cannot give is a gap in the line, never 0.
 */
import { useEffect, useRef } from 'react';
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { formatRate } from '../../../shared/figures/rates';
import { chartColours, tokenColour } from '../chart/chartColours';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface RateSeries {
  label: string;
  values: (number | null)[];
  colorToken: '--chart-series' | '--chart-series-all';
}

export function RateChart({ labels, series }: { labels: string[]; series: RateSeries[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const colours = chartColours();
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.values,
          borderColor: tokenColour(s.colorToken),
          backgroundColor: tokenColour(s.colorToken),
          spanGaps: false,
          tension: 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { grid: { display: false }, ticks: { color: colours.mutedText } },
          y: {
            beginAtZero: true,
            grid: { color: colours.grid },
            ticks: { color: colours.mutedText, callback: (v) => formatRate(Number(v)) },
          },
        },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: colours.text, boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}: ${formatRate(item.raw as number | null)}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series]);

  return (
    <div className="comparison-chart">
      <canvas ref={canvas} role="img" aria-label="Click rate and click-to-open rate by send date" />
    </div>
  );
}
