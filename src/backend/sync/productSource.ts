/**
 * The sync reads one emailing's clicks through ClicksSource.clicksPage, and its statistics
 * through StatisticsSource.emailingStatistics, whatever the product: this picks the call behind
 * each. Marketing Suite's clicks call filters by `begintime` instead of `fields[]` (see
 * CopernicaClient.msClicksPage), which is the only difference the sync sees; its statistics add
 * `retries`, which the key figures' parser reads like any other counter.
 */
import { AppError } from '../../shared/errors';
import type { Product } from '../../shared/schemas/product';
import type { Click, Page } from '../copernica/types';
import type { StatisticsSource } from '../figures/refreshStatistics';
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

export interface MsStatisticsSource {
  msEmailingStatistics: StatisticsSource['emailingStatistics'];
}

export type ProductStatisticsSource = StatisticsSource & Partial<MsStatisticsSource>;

export function statisticsSourceFor(source: ProductStatisticsSource, product: Product): StatisticsSource {
  if (product === 'publisher') return source;
  const { msEmailingStatistics } = source;
  if (!msEmailingStatistics) {
    throw new AppError('internal', 'This source cannot read Marketing Suite statistics.');
  }
  return {
    emailingStatistics: (emailingId, signal) => msEmailingStatistics.call(source, emailingId, signal),
  };
}
