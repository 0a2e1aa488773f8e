/**
 * The PDF of one emailing. The first page is what a client reads in a minute: which emailing,
 * what the figures cover and when they were fetched, the key figures and rates (each rate's
 * formula in a numbered footnote), the reconciliation with Copernica and the bot line. The
 * pages after it hold the timeline, the links, the devices and the most active profiles.
 */
import type { ChunkWriter } from '../../export/atomicFile';
import type { EmailingReportData, ReportLink } from '../emailingReport';
import { HOURLY_SPAN_HOURS } from '../emailingReport';
import { ReportFormat } from '../reportFormat';
import { type ReportTexts, reportTexts } from '../reportTexts';
import type { ParsedStyle } from '../reportStyle';
import { firstPageLines, keyFigureRows, mark, Notes } from '../firstPage';
import { isWholeEmailing } from '../scopeSql';
import { barChart } from './charts';
import { INK, ReportPdf } from './reportPdf';

/** A link's title on one line (its own line breaks as spaces), its address under it. */
export function linkCell(title: string | null, url: string | null, texts: ReportTexts): string {
  return `${title?.replace(/\s+/g, ' ').trim() || texts.untitled}\n${url ?? ''}`;
}

function linkRows(
  links: readonly ReportLink[],
  texts: ReportTexts,
  format: ReportFormat,
  kinds: boolean,
): string[][] {
  return links.map((l) => [
    linkCell(l.title, l.url, texts),
    ...(kinds ? [texts.kind[l.kind]] : []),
    format.countOf(l.clicks),
    format.countOf(l.uniqueClickers),
    format.rateOf(l.share),
  ]);
}

export async function writeEmailingReportPdf(
  data: EmailingReportData,
  style: ParsedStyle,
  writer: ChunkWriter,
): Promise<void> {
  const texts = reportTexts(style.language);
  const format = new ReportFormat(style.numberLocale);
  const pdf = new ReportPdf(`${texts.reportTitle} — ${data.subject ?? data.remoteId}`);
  const notes = new Notes();
  const lines = firstPageLines(data, texts, format);

  pdf.title(`${texts.reportTitle}: ${data.subject ?? `${texts.emailing} ${data.remoteId}`}`);
  pdf.facts(lines.facts);
  if (data.incomplete) {
    pdf.doc.moveDown(0.3);
    pdf.paragraph(`${texts.incomplete}: ${data.incomplete}`, { bold: true, colour: INK.second });
  }
  pdf.heading(texts.scope);
  for (const line of lines.scope) pdf.paragraph(line);
  pdf.paragraph(`${texts.bots}: ${lines.botLine}`);

  pdf.heading(texts.keyFigures);
  const rows = keyFigureRows(data, texts, format, notes);
  const figureColumns = (header: string) => [
    { header, width: 0.7 },
    { header: '', width: 0.3, align: 'right' as const },
  ];
  pdf.table(figureColumns(texts.fromCopernica), [...rows.copernica, ...rows.rates]);
  pdf.table(figureColumns(texts.fromCache), rows.cache);
  if (data.figures.copernica === null) pdf.paragraph(texts.noCopernica, { size: 8.5, colour: INK.muted });
  pdf.paragraph(`${texts.reconciliation}: ${lines.reconciliation}`);
  notes.cite(texts.notGiven);
  pdf.footnotes(notes.list);

  // The pages after the first: the timeline, links, devices, profiles.
  pdf.doc.addPage();
  pdf.heading(texts.timeline);
  const { hourly, daily } = data.timeline;
  if (hourly.length === 0) pdf.paragraph(texts.noClicks);
  else {
    // The axis shows bare hours and dates: the caption names their zone.
    pdf.paragraph(`${texts.perHour(HOURLY_SPAN_HOURS)} (${data.timeZone})`, { size: 9, colour: INK.muted });
    barChart(
      pdf,
      hourly.map((b) => b.clicks),
      {
        label: (i) =>
          i % 6 === 0
            ? `${i % 24 === 0 ? `${format.wallShortDate(hourly[i]!.start)} ` : ''}${format.wallHour(hourly[i]!.start)}`
            : null,
        value: (v) => format.countOf(v),
      },
    );
    if (daily.length > 0) {
      pdf.paragraph(`${texts.perDay} (${data.timeZone})`, { size: 9, colour: INK.muted });
      const every = Math.max(1, Math.ceil(daily.length / 12));
      barChart(
        pdf,
        daily.map((b) => b.clicks),
        {
          label: (i) => (i % every === 0 ? format.wallShortDate(daily[i]!.start) : null),
          value: (v) => format.countOf(v),
        },
        { colour: INK.second },
      );
    }
  }

  const linkColumns = (kinds: boolean) => [
    { header: texts.link, width: kinds ? 0.49 : 0.64, subline: true },
    ...(kinds ? [{ header: '', width: 0.15 }] : []),
    { header: texts.clicks, width: 0.12, align: 'right' as const },
    { header: texts.uniqueClickers, width: 0.13, align: 'right' as const },
    { header: `${texts.share}${mark(1)}`, width: 0.11, align: 'right' as const },
  ];
  pdf.heading(texts.topLinks);
  pdf.table(linkColumns(false), linkRows(data.contentLinks, texts, format, false));
  if (data.moreContentLinks > 0)
    pdf.paragraph(texts.moreLinks(format.countOf(data.moreContentLinks)), { size: 8.5 });
  if (data.systemLinks.length > 0) {
    pdf.heading(texts.systemLinks);
    pdf.table(linkColumns(true), linkRows(data.systemLinks, texts, format, true));
  }
  pdf.paragraph(`${mark(1)} ${texts.formulas.share}`, { size: 7.5, colour: INK.muted });

  pdf.heading(texts.devices);
  if (data.devices.length === 0) pdf.paragraph(texts.devicesUnavailable, { size: 9, colour: INK.muted });
  else {
    if (!isWholeEmailing({ ...data.scope, excludeBots: false }))
      pdf.paragraph(texts.devicesWhole, { size: 8.5, colour: INK.muted });
    for (const dimension of ['device', 'os', 'client'] as const) {
      const rows = data.devices.filter((d) => d.dimension === dimension);
      const total = rows.reduce((sum, d) => sum + d.clicks, 0);
      pdf.table(
        [
          { header: texts.dimensions[dimension], width: 0.49 },
          { header: texts.clicks, width: 0.17, align: 'right' },
          { header: texts.uniqueClickers, width: 0.17, align: 'right' },
          { header: texts.share, width: 0.17, align: 'right' },
        ],
        rows
          .slice(0, 8)
          .map((d) => [
            d.value,
            format.countOf(d.clicks),
            format.countOf(d.uniqueClickers),
            format.rateOf(total ? d.clicks / total : null),
          ]),
        { size: 8.5 },
      );
    }
  }

  pdf.heading(texts.profiles);
  pdf.table(
    [
      { header: texts.profile, width: 0.3 },
      { header: texts.clicks, width: 0.2, align: 'right' },
      { header: texts.uniqueLinks, width: 0.2, align: 'right' },
      { header: `${texts.firstClick} (${data.timeZone})`, width: 0.3, align: 'right' },
    ],
    data.profiles.map((p) => [
      String(p.profile ?? '—'),
      format.countOf(p.clicks),
      format.countOf(p.uniqueLinks),
      format.wallClock(p.firstClick, null),
    ]),
  );

  await pdf.finish(writer, texts.page);
}
