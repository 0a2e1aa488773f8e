/**
 * The comparison as a PDF: the emailings and what the figures cover, their key figures side by
 * side (a column per emailing, up to six per table, more continue below), the click rate and
 * click-to-open rate over send date, and the matched links with their clicks per emailing.
 */
import type { ChunkWriter } from '../../export/atomicFile';
import { type Comparison, comparisonTimeZone, type MatchedLink } from '../comparison';
import { parseWallClock } from '../../../shared/wallClock';
import { ReportFormat } from '../reportFormat';
import { type ReportTexts, reportTexts } from '../reportTexts';
import type { ParsedStyle } from '../reportStyle';
import { filterText, periodText } from '../scopeDescription';
import { lineChart } from './charts';
import { linkCell } from './emailingReportPdf';
import { comparisonFigureRows, comparisonList, comparisonNotes } from '../firstPage';
import { INK, ReportPdf } from './reportPdf';

const COLUMNS_PER_TABLE = 6;
const TOP_MATCHED_LINKS = 30;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function matchedLinkTables(
  pdf: ReportPdf,
  comparison: Comparison,
  links: readonly MatchedLink[],
  texts: ReportTexts,
  format: ReportFormat,
): void {
  for (const group of chunks(
    comparison.emailings.map((e, i) => ({ e, i })),
    COLUMNS_PER_TABLE,
  )) {
    const share = 0.5 / COLUMNS_PER_TABLE;
    pdf.table(
      [
        { header: texts.link, width: 0.4, subline: true },
        ...group.map(({ e }) => ({ header: String(e.remoteId), width: share, align: 'right' as const })),
        { header: texts.total, width: 0.1, align: 'right' },
      ],
      links.map((l) => [
        linkCell(
          l.kind === 'content' ? l.title : `${l.title?.trim() || texts.untitled} (${texts.kind[l.kind]})`,
          l.key,
          texts,
        ),
        ...group.map(({ i }) => format.countOf(l.clicks[i])),
        format.countOf(l.total),
      ]),
      { size: 7.5 },
    );
  }
}

export async function writeComparisonPdf(
  comparison: Comparison,
  style: ParsedStyle,
  writer: ChunkWriter,
): Promise<void> {
  const texts = reportTexts(style.language);
  const format = new ReportFormat(style.numberLocale);
  const pdf = new ReportPdf(texts.comparisonTitle);
  const { emailings } = comparison;
  pdf.title(texts.comparisonTitle);
  pdf.facts([[texts.account, [...new Set(emailings.map((e) => e.accountLabel))].join(', ')]]);
  pdf.heading(texts.scope);
  pdf.paragraph(
    periodText(comparison.scope, null, texts, format, comparisonTimeZone(comparison), texts.wholeEmailings),
  );
  const filters = filterText(comparison.scope, texts, format, comparisonTimeZone(comparison));
  if (filters) pdf.paragraph(filters);
  const list = comparisonList(emailings, texts, format);
  pdf.table(
    list.columns.map((header, i) => ({ header, width: [0.14, 0.6, 0.26][i]! })),
    list.rows,
  );

  pdf.heading(texts.sideBySide);
  const figureRows = comparisonFigureRows(texts, format);
  for (const group of chunks(emailings, COLUMNS_PER_TABLE)) {
    const share = 0.7 / COLUMNS_PER_TABLE;
    pdf.table(
      [
        { header: '', width: 0.3 },
        ...group.map((e) => ({ header: String(e.remoteId), width: share, align: 'right' as const })),
      ],
      figureRows.map(([label, value]) => [label, ...group.map(value)]),
      { size: 8 },
    );
  }
  pdf.footnotes(comparisonNotes(texts));

  pdf.heading(texts.ratesOverTime);
  lineChart(
    pdf,
    [
      { name: texts.clickRate, colour: INK.accent, values: emailings.map((e) => e.figures.rates.clickRate) },
      {
        name: texts.clickToOpenRate,
        colour: INK.second,
        values: emailings.map((e) => e.figures.rates.clickToOpenRate),
      },
    ],
    emailings.length,
    {
      label: (i) => {
        const e = emailings[i]!;
        const sent = e.sentAt ? parseWallClock(e.sentAt) : null;
        return sent === null ? String(e.remoteId) : format.wallShortDate(sent);
      },
      value: (v) => format.rateOf(v),
    },
  );

  pdf.heading(texts.matchedLinks);
  pdf.paragraph(texts.matchedNote, { size: 8.5, colour: INK.muted });
  const content = comparison.links.filter((l) => l.kind === 'content');
  matchedLinkTables(pdf, comparison, content.slice(0, TOP_MATCHED_LINKS), texts, format);
  if (content.length > TOP_MATCHED_LINKS)
    pdf.paragraph(texts.moreLinks(format.countOf(content.length - TOP_MATCHED_LINKS)), { size: 8.5 });
  const system = comparison.links.filter((l) => l.kind !== 'content');
  if (system.length > 0) {
    pdf.heading(texts.systemLinks);
    matchedLinkTables(pdf, comparison, system, texts, format);
  }
  await pdf.finish(writer, texts.page);
}
