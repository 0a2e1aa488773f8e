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
import { filterText, periodText } from '../scopeDescription';
import { barChart } from './charts';
import { INK, ReportPdf } from './reportPdf';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const mark = (n: number) => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

/** Footnotes collected as the rows that cite them are written. */
export class Notes {
  readonly list: string[] = [];
  cite(text: string): string {
    let index = this.list.indexOf(text);
    if (index < 0) index = this.list.push(text) - 1;
    return ` ${mark(index + 1)}`;
  }
}

export function firstPageLines(data: EmailingReportData, texts: ReportTexts, format: ReportFormat) {
  const { figures } = data;
  const facts: [string, string][] = [
    [texts.account, data.accountLabel],
    [texts.emailing, String(data.remoteId)],
    [texts.subject, data.subject ?? '—'],
    [texts.sentAt, data.sentAt ? format.wallClock(data.sentAt) : '—'],
    [
      texts.period,
      data.firstClick === null
        ? texts.noClicks
        : `${format.wallClock(data.firstClick)} – ${format.wallClock(data.lastClick)}`,
    ],
    [texts.fetchedAt, format.instant(data.refreshedAt, data.timeZone)],
  ];
  if (figures.copernica)
    facts.push([texts.copernicaFetchedAt, format.instant(figures.copernica.fetchedAt, data.timeZone)]);
  const scope = [periodText(data.scope, data.sentAt, texts, format)];
  const filters = filterText(data.scope, texts, format);
  if (filters) scope.push(filters);
  const rec = figures.reconciliation;
  const reconciliation =
    rec === null
      ? texts.reconciled.unknown
      : rec.status === 'complete'
        ? texts.reconciled.complete
        : texts.reconciled[rec.status](format.countOf(Math.abs(rec.difference)));
  const botLine = !data.botsJudged
    ? texts.botsUnavailable
    : data.scope.excludeBots
      ? texts.botsLeftOut(format.countOf(figures.cache.botClicks))
      : texts.botsKept(format.countOf(figures.cache.botClicks));
  return { facts, scope, reconciliation, botLine };
}

/** Rows of the key-figures table: label (with its footnote mark), value. */
export function keyFigureRows(
  data: EmailingReportData,
  texts: ReportTexts,
  format: ReportFormat,
  notes: Notes,
) {
  const c = data.figures.copernica;
  const f = texts.formulas;
  const copernica: [string, string][] = [
    [texts.destinations, format.countOf(c?.destinations)],
    [texts.delivered + notes.cite(f.delivered), format.countOf(c?.delivered)],
    [texts.opened, format.countOf(c?.impressions.unique)],
    [texts.clickedUnique, format.countOf(c?.clicks.unique)],
    [texts.errors, format.countOf(c?.errors)],
    [texts.unsubscribes, format.countOf(c?.unsubscribes)],
    [texts.complaints, format.countOf(c?.abuses)],
  ];
  const r = data.figures.rates;
  const rates: [string, string][] = [
    [texts.openRate + notes.cite(f.openRate), format.rateOf(r.openRate)],
    [texts.clickRate + notes.cite(f.clickRate), format.rateOf(r.clickRate)],
    [texts.clickToOpenRate + notes.cite(f.clickToOpenRate), format.rateOf(r.clickToOpenRate)],
    [texts.copernicaCtr + notes.cite(f.copernicaCtr), format.rateOf(r.copernicaCtr)],
  ];
  const k = data.figures.cache;
  const cache: [string, string][] = [
    [texts.clicks, format.countOf(k.clicks)],
    [texts.uniqueClickers + notes.cite(f.uniqueClickers), format.countOf(k.uniqueClickers)],
    [texts.uniqueLinkClicks + notes.cite(f.uniqueLinkClicks), format.countOf(k.uniqueLinkClicks)],
  ];
  if (data.botsJudged) {
    cache.push([texts.humanClicks, format.countOf(k.humanClicks)]);
    cache.push([texts.humanClickRate + notes.cite(f.humanClickRate), format.rateOf(r.humanClickRate)]);
  }
  return { copernica, rates, cache };
}

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
    pdf.paragraph(texts.perHour(HOURLY_SPAN_HOURS), { size: 9, colour: INK.muted });
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
      pdf.paragraph(texts.perDay, { size: 9, colour: INK.muted });
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
  pdf.paragraph(texts.devicesUnavailable, { size: 9, colour: INK.muted });

  pdf.heading(texts.profiles);
  pdf.table(
    [
      { header: texts.profile, width: 0.3 },
      { header: texts.clicks, width: 0.2, align: 'right' },
      { header: texts.uniqueLinks, width: 0.2, align: 'right' },
      { header: texts.firstClick, width: 0.3, align: 'right' },
    ],
    data.profiles.map((p) => [
      String(p.profile ?? '—'),
      format.countOf(p.clicks),
      format.countOf(p.uniqueLinks),
      format.wallClock(p.firstClick),
    ]),
  );

  await pdf.finish(writer, texts.page);
}
