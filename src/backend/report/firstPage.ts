/**
 * The first page of the report of one emailing as lines of text: the facts, what the report
 * covers, the key figures with a numbered footnote per formula, the reconciliation and the bot
 * line. The PDF prints them and the window previews them (reportPreview.ts), so the two agree.
 */
import type { ComparedEmailing } from './comparison';
import type { EmailingReportData } from './emailingReport';
import type { ReportFormat } from './reportFormat';
import type { ReportTexts } from './reportTexts';
import { filterText, periodText } from './scopeDescription';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
export const mark = (n: number) => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

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
    [texts.sentAt, data.sentAt ? format.wallClock(data.sentAt, data.timeZone) : '—'],
    [
      texts.period,
      data.firstClick === null
        ? texts.noClicks
        : `${format.wallClock(data.firstClick, data.timeZone)} – ${format.wallClock(data.lastClick, data.timeZone)}`,
    ],
    [texts.fetchedAt, format.instant(data.refreshedAt, data.timeZone)],
  ];
  if (figures.copernica)
    facts.push([texts.copernicaFetchedAt, format.instant(figures.copernica.fetchedAt, data.timeZone)]);
  // Which the client holds: the account's "leave out personal data" setting.
  facts.push([
    texts.personalData,
    data.leaveOutPersonalData ? texts.personalDataLeftOut : texts.personalDataIncluded,
  ]);
  const scope = [periodText(data.scope, data.sentAt, texts, format, data.timeZone)];
  const filters = filterText(data.scope, texts, format, data.timeZone);
  if (filters) scope.push(filters);
  const rec = figures.reconciliation;
  const reconciliation =
    rec === null
      ? texts.reconciled.unknown
      : rec.status === 'complete'
        ? texts.reconciled.complete
        : texts.reconciled[rec.status](format.countOf(Math.abs(rec.difference)));
  const bots = figures.cache;
  const reasons = Object.entries(bots.botClicksByReason)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${texts.reasons[reason as keyof ReportTexts['reasons']]} ${format.countOf(n)}`);
  const byRule = reasons.length ? ` (${texts.byRule}: ${reasons.join(', ')})` : '';
  const botLine = !data.botsJudged
    ? texts.botsUnavailable
    : (data.scope.excludeBots
        ? texts.botsLeftOut(format.countOf(bots.botClicks))
        : texts.botsKept(format.countOf(bots.botClicks))) + byRule;
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

/** The comparison's emailings, oldest first: ID, subject, send time. */
export function comparisonList(
  emailings: readonly ComparedEmailing[],
  texts: ReportTexts,
  format: ReportFormat,
) {
  // One zone is said once, in the header; emailings of accounts in different zones say theirs.
  const zones = new Set(emailings.map((e) => e.timeZone));
  const [zone] = zones.size === 1 ? zones : [null];
  return {
    columns: [texts.emailing, texts.subject, zone ? `${texts.sentAt} (${zone})` : texts.sentAt],
    rows: emailings.map((e) => [
      String(e.remoteId),
      e.subject ?? '—',
      e.sentAt ? format.wallClock(e.sentAt, zone ? null : e.timeZone) : '—',
    ]),
  };
}

/** The comparison's key figures, a row each with its footnote mark; a value per emailing. */
export function comparisonFigureRows(
  texts: ReportTexts,
  format: ReportFormat,
): [string, (e: ComparedEmailing) => string][] {
  return [
    [texts.destinations, (e) => format.countOf(e.figures.copernica?.destinations)],
    [`${texts.delivered} ${mark(1)}`, (e) => format.countOf(e.figures.copernica?.delivered)],
    [texts.opened, (e) => format.countOf(e.figures.copernica?.impressions.unique)],
    [texts.clickedUnique, (e) => format.countOf(e.figures.copernica?.clicks.unique)],
    [`${texts.openRate} ${mark(2)}`, (e) => format.rateOf(e.figures.rates.openRate)],
    [`${texts.clickRate} ${mark(3)}`, (e) => format.rateOf(e.figures.rates.clickRate)],
    [`${texts.clickToOpenRate} ${mark(4)}`, (e) => format.rateOf(e.figures.rates.clickToOpenRate)],
    [`${texts.copernicaCtr} ${mark(5)}`, (e) => format.rateOf(e.figures.rates.copernicaCtr)],
    [texts.clicks, (e) => format.countOf(e.figures.cache.clicks)],
    [`${texts.uniqueClickers} ${mark(6)}`, (e) => format.countOf(e.figures.cache.uniqueClickers)],
    [`${texts.uniqueLinkClicks} ${mark(7)}`, (e) => format.countOf(e.figures.cache.uniqueLinkClicks)],
  ];
}

/** The footnotes the marks of comparisonFigureRows point to, in their order. */
export function comparisonNotes(texts: ReportTexts): string[] {
  const f = texts.formulas;
  return [
    f.delivered,
    f.openRate,
    f.clickRate,
    f.clickToOpenRate,
    f.copernicaCtr,
    f.uniqueClickers,
    f.uniqueLinkClicks,
    texts.notGiven,
  ];
}
