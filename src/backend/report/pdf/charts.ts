/**
 * The report's charts, drawn as vectors with pdfkit's paths (sharp at any zoom, text that a
 * reader can select): bars for the timeline, lines for rates over send date. The value axis
 * starts at 0 and gets a few round ticks, labelled in the report's number format.
 */
import { INK, PAGE, type ReportPdf } from './reportPdf';

export interface ChartAxis {
  /** The label under bar or point i, or null to leave it out (too many to label each). */
  label: (index: number) => string | null;
  value: (value: number) => string;
}

const AXIS_WIDTH = 46;
const LABEL_HEIGHT = 14;

/** Round steps for about four ticks between 0 and max; whole steps for counts. */
function ticks(max: number, whole: boolean): number[] {
  if (max <= 0) return [0];
  const rough = whole ? Math.max(1, max / 4) : max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let t = 0; t <= max + step * 0.001; t += step) out.push(t);
  if (out[out.length - 1]! < max) out.push(out[out.length - 1]! + step);
  return out;
}

function frame(pdf: ReportPdf, height: number, top: number, scale: number[], axis: ChartAxis): void {
  const doc = pdf.doc;
  const left = PAGE.margin + AXIS_WIDTH;
  const width = pdf.contentWidth - AXIS_WIDTH;
  const max = scale[scale.length - 1]!;
  doc.font('regular').fontSize(7).fillColor(INK.muted);
  for (const tick of scale) {
    const y = top + height - (max ? (tick / max) * height : 0);
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.3)
      .strokeColor(INK.rule)
      .stroke();
    doc.text(axis.value(tick), PAGE.margin, y - 4, {
      width: AXIS_WIDTH - 6,
      align: 'right',
      lineBreak: false,
    });
  }
}

export function barChart(
  pdf: ReportPdf,
  values: readonly number[],
  axis: ChartAxis,
  options: { height?: number; colour?: string } = {},
): void {
  const height = options.height ?? 120;
  pdf.ensureRoom(height + LABEL_HEIGHT + 16);
  const doc = pdf.doc;
  const top = doc.y + 6;
  const scale = ticks(Math.max(0, ...values), true);
  const max = scale[scale.length - 1]!;
  frame(pdf, height, top, scale, axis);
  const left = PAGE.margin + AXIS_WIDTH;
  const slot = (pdf.contentWidth - AXIS_WIDTH) / Math.max(1, values.length);
  const gap = Math.min(2, slot * 0.2);
  values.forEach((value, i) => {
    const barHeight = max ? (value / max) * height : 0;
    if (barHeight > 0)
      doc
        .rect(left + i * slot + gap / 2, top + height - barHeight, slot - gap, barHeight)
        .fillColor(options.colour ?? INK.accent)
        .fill();
    const label = axis.label(i);
    if (label !== null)
      doc
        .font('regular')
        .fontSize(6.5)
        .fillColor(INK.muted)
        .text(pdf.safe(label), left + i * slot - 27 + slot / 2, top + height + 3, {
          width: 54,
          align: 'center',
          lineBreak: false,
        });
  });
  doc.x = PAGE.margin;
  doc.y = top + height + LABEL_HEIGHT + 4;
}

export interface LineSeries {
  name: string;
  colour: string;
  /** One value per x position; null where the figure is missing (the line is broken there). */
  values: readonly (number | null)[];
}

export function lineChart(
  pdf: ReportPdf,
  series: readonly LineSeries[],
  count: number,
  axis: ChartAxis,
  options: { height?: number } = {},
): void {
  const height = options.height ?? 150;
  pdf.ensureRoom(height + LABEL_HEIGHT + 34);
  const doc = pdf.doc;
  const top = doc.y + 6;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = ticks(Math.max(0, ...all), false);
  const max = scale[scale.length - 1]!;
  frame(pdf, height, top, scale, axis);
  const left = PAGE.margin + AXIS_WIDTH;
  const slot = (pdf.contentWidth - AXIS_WIDTH) / Math.max(1, count);
  const x = (i: number) => left + slot * (i + 0.5);
  const y = (v: number) => top + height - (max ? (v / max) * height : 0);
  for (const s of series) {
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(x(i), y(v));
      else doc.moveTo(x(i), y(v));
      drawing = true;
    });
    doc.lineWidth(1.5).strokeColor(s.colour).stroke();
    s.values.forEach((v, i) => {
      if (v !== null) doc.circle(x(i), y(v), 2.2).fillColor(s.colour).fill();
    });
  }
  for (let i = 0; i < count; i++) {
    const label = axis.label(i);
    if (label !== null)
      doc
        .font('regular')
        .fontSize(6.5)
        .fillColor(INK.muted)
        .text(pdf.safe(label), x(i) - 25, top + height + 3, { width: 50, align: 'center', lineBreak: false });
  }
  // The legend under the chart.
  let legendX = left;
  const legendY = top + height + LABEL_HEIGHT + 6;
  for (const s of series) {
    doc
      .rect(legendX, legendY + 2, 10, 3)
      .fillColor(s.colour)
      .fill();
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(INK.text)
      .text(pdf.safe(s.name), legendX + 14, legendY, {
        lineBreak: false,
      });
    legendX += 24 + doc.widthOfString(pdf.safe(s.name));
  }
  doc.x = PAGE.margin;
  doc.y = legendY + 16;
}
