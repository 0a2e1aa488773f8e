/** Benchmark figures: printed as a table and written as `[{ metric, value, unit }]` for machines. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Metric {
  metric: string;
  value: number;
  unit: string;
  /** What the figure is compared with, for the printed table only. */
  note?: string;
}

export function writeMetrics(name: string, metrics: Metric[]): string {
  const dir = join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      metrics.map(({ metric, value, unit }) => ({ metric, value, unit })),
      null,
      2,
    )}\n`,
  );
  const width = Math.max(...metrics.map((m) => m.metric.length));
  for (const m of metrics) {
    const value = Number.isInteger(m.value) ? m.value.toLocaleString('en-US') : m.value.toFixed(2);
    console.log(`  ${m.metric.padEnd(width)}  ${value.padStart(12)} ${m.unit.padEnd(8)} ${m.note ?? ''}`);
  }
  console.log(`  → ${file}`);
  return file;
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes and covers every thread of this process.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
