/**
 * The sync reads one emailing's clicks through ClicksSource.clicksPage, whatever the product:
 * this picks the call behind it. Marketing Suite's call filters by `begintime` instead of
 * `fields[]` (see CopernicaClient.msClicksPage), which is the only difference the sync sees.
 */
import { AppError } from '../../shared/errors';
import type { Product } from '../../shared/schemas/product';
import type { Click, Page } from '../copernica/types';
import type { ClicksSource } from './syncEmailingClicks';

export interface MsClicksSource {
  msClicksPage: ClicksSource['clicksPage'];
}

/** A source that can read both products' clicks (the client), or a test's Publisher-only one. */
export type ProductClicksSource = ClicksSource & Partial<MsClicksSource>;

export function clicksSourceFor(source: ProductClicksSource, product: Product): ClicksSource {
  if (product === 'publisher') return source;
  const { msClicksPage } = source;
  if (!msClicksPage) {
    throw new AppError('internal', 'This source cannot read Marketing Suite clicks.');
  }
  return {
    clicksPage: (emailingId, query, signal): Promise<Page<Click>> =>
      msClicksPage.call(source, emailingId, query, signal),
  };
}
