/**
 * The rates of an emailing: each one's name and formula, written once for the Overview's hover,
 * the emailing list, the CLI and every export, and how a rate is written in a locale.
 */
import type { RateId } from '../schemas/figures';

export interface RateDefinition {
  id: RateId;
  label: string;
  formula: string;
}

export const rateDefinitions: readonly RateDefinition[] = [
  { id: 'openRate', label: 'Open rate', formula: 'unique impressions ÷ delivered' },
  { id: 'clickRate', label: 'Click rate', formula: 'unique clicks ÷ delivered' },
  { id: 'clickToOpenRate', label: 'Click-to-open rate', formula: 'unique clicks ÷ unique impressions' },
  {
    id: 'copernicaCtr',
    label: 'Copernica CTR',
    formula: 'dominant clicks ÷ (dominant impressions + dominant clicks)',
  },
  {
    id: 'humanClickRate',
    label: 'Human click rate',
    formula: 'unique clickers without suspected bots ÷ delivered',
  },
];

/** `deliveries.total` where Copernica gives it, else destinations − unique errors. */
export const deliveredFormula = 'deliveries.total, else destinations − unique errors';

/** What a figure Copernica did not give (or a rate missing a term) shows as. */
export const NOT_GIVEN = '—';

/** A fraction as a percentage with one decimal: `9.1%` in en-US, `9,1%` in nl-NL; "—" for null. */
export function formatRate(value: number | null, locale?: string): string {
  if (value === null) return NOT_GIVEN;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A count in the locale's digits; "—" for one Copernica did not give. */
export function formatFigure(value: number | null, locale?: string): string {
  return value === null ? NOT_GIVEN : new Intl.NumberFormat(locale).format(value);
}
