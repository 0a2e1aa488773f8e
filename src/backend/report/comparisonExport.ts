/**
 * The comparison written out: xlsx with a Key figures sheet (one row per emailing, each figure
 * and rate a column), a Links sheet (matched links, a clicks column per emailing) and the rates'
 * formulas; CSV with the key figures (a CSV holds one table); or the PDF.
 */
import type Database from 'better-sqlite3';
import type { ExportResult } from '../../shared/schemas/export';
import type { ReportFormat as FileKind } from '../../shared/schemas/report';
import { writeFileAtomically } from '../export/atomicFile';
import { csvFormatFor } from '../export/csvFormat';
import { type ExportTable, writeExport } from '../export/exportFile';
import type { ColumnKind, ExportValue } from '../export/table';
import { type ExportOptions, withTimeZone } from '../export/viewExport';
import { type Comparison, comparisonData, comparisonTimeZone } from './comparison';
import { writeComparisonPdf } from './pdf/comparisonPdf';
import { type ReportTexts, reportTexts } from './reportTexts';
import type { ParsedStyle } from './reportStyle';
import type { ParsedScope } from './scopeSql';

type FigureColumn = [string, ColumnKind, (e: Comparison['emailings'][number]) => ExportValue];

export function keyFigureColumns(texts: ReportTexts): FigureColumn[] {
  return [
    [texts.emailing, 'id', (e) => e.remoteId],
    [texts.subject, 'text', (e) => e.subject],
    [texts.sentAt, 'wallClock', (e) => e.sentAt],
    [texts.destinations, 'count', (e) => e.figures.copernica?.destinations ?? null],
    [texts.delivered, 'count', (e) => e.figures.copernica?.delivered ?? null],
    [texts.opened, 'count', (e) => e.figures.copernica?.impressions.unique ?? null],
    [texts.clickedUnique, 'count', (e) => e.figures.copernica?.clicks.unique ?? null],
    [texts.openRate, 'share', (e) => e.figures.rates.openRate],
    [texts.clickRate, 'share', (e) => e.figures.rates.clickRate],
    [texts.clickToOpenRate, 'share', (e) => e.figures.rates.clickToOpenRate],
    [texts.copernicaCtr, 'share', (e) => e.figures.rates.copernicaCtr],
    [texts.clicks, 'count', (e) => e.figures.cache.clicks],
    [texts.uniqueClickers, 'count', (e) => e.figures.cache.uniqueClickers],
    [texts.uniqueLinkClicks, 'count', (e) => e.figures.cache.uniqueLinkClicks],
  ];
}

function tables(comparison: Comparison, texts: ReportTexts): ExportTable[] {
  const figures = keyFigureColumns(texts);
  const keyFigures: ExportTable = {
    name: texts.keyFigures,
    columns: withTimeZone(
      figures.map(([header, kind]) => ({ header, kind })),
      comparisonTimeZone(comparison),
    ),
    rows: comparison.emailings.map((e) => figures.map(([, , value]) => value(e))),
    total: comparison.emailings.length,
  };
  const links: ExportTable = {
    name: texts.linksSheet,
    columns: [
      { header: texts.link, kind: 'text', width: 40 },
      { header: 'URL', kind: 'text', width: 60 },
      { header: '', kind: 'text', width: 12 },
      ...comparison.emailings.map((e) => ({
        header: `${texts.emailing} ${e.remoteId}`,
        kind: 'count' as const,
      })),
      { header: texts.total, kind: 'count' },
    ],
    rows: comparison.links.map((l) => [l.title, l.key, texts.kind[l.kind], ...l.clicks, l.total]),
    total: comparison.links.length,
  };
  const f = texts.formulas;
  const formulaRows = [
    f.delivered,
    f.openRate,
    f.clickRate,
    f.clickToOpenRate,
    f.copernicaCtr,
    f.uniqueClickers,
    f.uniqueLinkClicks,
  ];
  const formulas: ExportTable = {
    name: texts.formulasSheet,
    columns: [{ header: '', kind: 'text', width: 110 }],
    rows: [...formulaRows, texts.notGiven].map((text) => [text]),
    options: { header: false },
    total: formulaRows.length + 1,
  };
  return [keyFigures, links, formulas];
}

export async function writeComparison(
  db: Database.Database,
  emailingKeys: readonly number[],
  format: FileKind,
  scope: ParsedScope,
  style: ParsedStyle,
  out: string,
  options: ExportOptions,
): Promise<ExportResult> {
  const texts = reportTexts(style.language);
  const comparison = comparisonData(db, emailingKeys, scope);
  if (format === 'pdf') {
    await writeFileAtomically(out, (writer) => writeComparisonPdf(comparison, style, writer));
    return { rows: comparison.emailings.length, sheets: 1, out };
  }
  const all = tables(comparison, texts);
  const { rows, sheets } = await writeExport(
    out,
    format === 'csv'
      ? { kind: 'csv', csv: csvFormatFor(style.numberLocale) }
      : { kind: 'xlsx', xlsx: { title: texts.comparisonTitle } },
    format === 'csv' ? all.slice(0, 1) : all,
    options,
  );
  return { rows, sheets, out };
}
