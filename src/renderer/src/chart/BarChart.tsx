/**
 * A Chart.js bar chart over a category axis of ready-made labels (wall-clock buckets, so no date
 * adapter is needed). Only the controller, element, scales and plugins it uses are registered.
 */
import { useEffect, useRef, useState } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { chartColours, onColourSchemeChange, type SeriesColourToken, tokenColour } from './chartColours';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  colorToken: SeriesColourToken;
}

interface Props {
  labels: string[];
  series: BarSeries[];
  /** Shown in the tooltip title instead of the axis label (a longer form of it). */
  titles?: string[];
  ariaLabel: string;
  showLegend?: boolean;
}

const count = new Intl.NumberFormat(undefined);

export function BarChart({ labels, series, titles, ariaLabel, showLegend = true }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const titlesRef = useRef(titles);
  // Bumped when the system theme changes: the colours are read from the tokens at draw time.
  const [colourScheme, setColourScheme] = useState(0);

  useEffect(() => onColourSchemeChange(() => setColourScheme((n) => n + 1)), []);

  useEffect(() => {
    titlesRef.current = titles;
  }, [titles]);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: false,
            grid: { display: false },
            ticks: { autoSkip: true, maxRotation: 0, font: { size: 11 } },
          },
          y: {
            beginAtZero: true,
            ticks: {
              precision: 0,
              font: { size: 11 },
              callback: (v) => count.format(Number(v)),
            },
          },
        },
        plugins: {
          legend: {
            position: 'top',
            align: 'end',
            labels: { boxWidth: 12, boxHeight: 12 },
          },
          tooltip: {
            callbacks: {
              title: (items) => {
                const index = items[0]?.dataIndex ?? 0;
                return titlesRef.current?.[index] ?? items[0]?.label ?? '';
              },
              label: (item) => `${item.dataset.label ?? ''}: ${count.format(Number(item.raw))}`,
            },
          },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const data: ChartData<'bar'> = {
      labels,
      datasets: series.map((s, index) => ({
        label: s.label,
        data: s.values,
        backgroundColor: tokenColour(s.colorToken),
        borderRadius: 2,
        maxBarThickness: 48,
        // Side by side they would halve each other; the filtered series sits in front of the whole.
        grouped: false,
        order: index === 0 ? 1 : 0,
        barPercentage: index === 0 ? 0.92 : 0.6,
        categoryPercentage: 0.9,
      })),
    };
    const colours = chartColours();
    const { x, y } = current.options.scales!;
    x!.ticks!.color = colours.mutedText;
    y!.ticks!.color = colours.mutedText;
    y!.grid!.color = colours.grid;
    current.data = data;
    current.options.plugins!.legend!.display = showLegend;
    current.options.plugins!.legend!.labels!.color = colours.text;
    current.update();
  }, [labels, series, showLegend, colourScheme]);

  return (
    <div className="bar-chart">
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
