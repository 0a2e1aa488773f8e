/**
 * The first page of a report as the window previews it before the user saves: for one
 * emailing the lines its PDF's first page prints (firstPage.ts); for a comparison its key
 * figures side by side. The same words, numbers and footnotes as the file, as plain text.
 */
import type Database from 'better-sqlite3';
import type { ClientReportInput, ReportPreview } from '../../shared/schemas/report';
import { ClientReportInputSchema } from '../../shared/schemas/report';
import { AppError } from '../../shared/errors';
import { comparisonData, comparisonTimeZone } from './comparison';
import { emailingReportData } from './emailingReport';
import {
  comparisonFigureRows,
  comparisonList,
  comparisonNotes,
  firstPageLines,
  keyFigureRows,
  Notes,
} from './firstPage';
import { ReportFormat } from './reportFormat';
import { reportTexts } from './reportTexts';
import { parseStyle } from './reportStyle';
import { periodText } from './scopeDescription';
import { parseScope } from './scopeSql';

export function reportPreview(db: Database.Database, input: ClientReportInput): ReportPreview {
  const parsed = ClientReportInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `The report request is not valid: ${parsed.error.issues[0]?.message}`,
    );
  const scope = parseScope(parsed.data.scope);
  const style = parseStyle(parsed.data.style);
  const texts = reportTexts(style.language);
  const format = new ReportFormat(style.numberLocale);
  const { emailingKeys } = parsed.data;

  if (emailingKeys.length > 1) {
    const comparison = comparisonData(db, emailingKeys, scope);
    const { emailings } = comparison;
    const figureRows = comparisonFigureRows(texts, format);
    return {
      title: texts.comparisonTitle,
      facts: [[texts.account, [...new Set(emailings.map((e) => e.accountLabel))].join(', ')]],
      lines: [periodText(scope, null, texts, format, comparisonTimeZone(comparison), texts.wholeEmailings)],
      tables: [
        comparisonList(emailings, texts, format),
        {
          columns: ['', ...emailings.map((e) => String(e.remoteId))],
          rows: figureRows.map(([label, value]) => [label, ...emailings.map(value)]),
        },
      ],
      notes: comparisonNotes(texts).map((note, i) => `${i + 1}. ${note}`),
    };
  }
  const data = emailingReportData(db, emailingKeys[0]!, scope);
  const lines = firstPageLines(data, texts, format);
  const notes = new Notes();
  const rows = keyFigureRows(data, texts, format, notes);
  notes.cite(texts.notGiven);
  return {
    title: `${texts.reportTitle}: ${data.subject ?? `${texts.emailing} ${data.remoteId}`}`,
    facts: lines.facts,
    lines: [
      ...(data.incomplete ? [`${texts.incomplete}: ${data.incomplete}`] : []),
      ...lines.scope,
      `${texts.bots}: ${lines.botLine}`,
      `${texts.reconciliation}: ${lines.reconciliation}`,
    ],
    tables: [
      { columns: [texts.fromCopernica, ''], rows: [...rows.copernica, ...rows.rates] },
      { columns: [texts.fromCache, ''], rows: rows.cache },
    ],
    notes: notes.list.map((note, i) => `${i + 1}. ${note}`),
  };
}
