/**
 * The key figures of an emailing: Copernica's own statistics (as of their last fetch; offline,
 * the last snapshot with its date), what the cache counts, every rate with its formula on
 * hover, and the reconciliation line, with a Refresh when clicks are missing. A figure Copernica
 * did not give shows as "—", never 0.
 */
import type { KeyFigures } from '../../../shared/schemas/figures';
import { deliveredFormula, formatFigure, formatRate, rateDefinitions } from '../../../shared/figures/rates';
import { reconciliationText } from '../../../shared/figures/reconciliationText';
import { formatLocalInstant } from '../format';

interface Props {
  figures: KeyFigures;
  /** Null until known. */
  online: boolean | null;
  /** Refreshes the emailing; absent while it cannot be refreshed (refreshing, or no token). */
  onRefresh?: () => void;
}

function Figure({
  label,
  value,
  detail,
  title,
}: {
  label: string;
  value: string;
  detail?: string;
  title?: string;
}) {
  return (
    <div className="key-figure" title={title}>
      <dt>{label}</dt>
      <dd>
        <span className="key-figure-value">{value}</span>
        {detail && <span className="key-figure-detail">{detail}</span>}
      </dd>
    </div>
  );
}

export function KeyFiguresPanel({ figures, online, onRefresh }: Props) {
  const { copernica, cache, rates } = figures.figures;
  const n = (value: number | null) => formatFigure(value);
  const reconciliation = figures.reconciliation;
  return (
    <div className="key-figures" data-testid="key-figures">
      {/* First, so that it is always in sight: whether these figures are all there is. */}
      <p
        className={`reconciliation reconciliation-${reconciliation?.status ?? 'none'}`}
        role="status"
        data-testid="reconciliation"
      >
        <span>{reconciliationText(reconciliation)}</span>
        {reconciliation && (
          <span className="muted">
            {' '}
            (cached {n(reconciliation.cachedClicks)} clicks from {n(reconciliation.cachedClickers)}{' '}
            destinations; Copernica {n(reconciliation.copernicaClicks)} from{' '}
            {n(reconciliation.copernicaClickers)})
          </span>
        )}
        {onRefresh && (reconciliation === null || reconciliation.status === 'missing') && (
          <button
            type="button"
            className="button button-small"
            onClick={onRefresh}
            disabled={online === false}
          >
            Refresh
          </button>
        )}
      </p>
      <section aria-labelledby="copernica-figures">
        <h3 id="copernica-figures" className="section-label">
          Copernica
        </h3>
        <p className="key-figures-asof muted" data-testid="statistics-as-of">
          {copernica === null
            ? "Copernica's statistics were not fetched yet: refresh the emailing."
            : `${online === false ? 'Offline: the last snapshot, ' : 'As of '}${formatLocalInstant(copernica.fetchedAt)}`}
          {figures.previousSnapshotFetchedAt && ' · they changed since the snapshot before'}
        </p>
        <dl className="key-figure-row">
          <Figure label="Destinations" value={n(copernica?.destinations ?? null)} />
          <Figure
            label="Delivered"
            value={n(copernica?.delivered ?? null)}
            title={`Delivered = ${deliveredFormula}`}
          />
          <Figure label="Errors" value={n(copernica?.errors ?? null)} />
          <Figure
            label="Opened"
            value={n(copernica?.impressions.unique ?? null)}
            detail={`${n(copernica?.impressions.total ?? null)} impressions`}
            title="Unique impressions (destinations that opened), and all impressions"
          />
          <Figure
            label="Clicked"
            value={n(copernica?.clicks.unique ?? null)}
            detail={`${n(copernica?.clicks.total ?? null)} clicks`}
            title="Unique clicks (destinations that clicked, Copernica's definition), and all clicks"
          />
          <Figure label="Unsubscribes" value={n(copernica?.unsubscribes ?? null)} />
          <Figure label="Complaints" value={n(copernica?.abuses ?? null)} />
        </dl>
        <dl className="key-figure-row rates">
          {rateDefinitions.map((d) => (
            <Figure
              key={d.id}
              label={d.label}
              value={formatRate(rates[d.id])}
              detail={d.formula}
              title={`${d.label} = ${d.formula}`}
            />
          ))}
        </dl>
      </section>
      <section aria-labelledby="cache-figures">
        <h3 id="cache-figures" className="section-label">
          From the cache{figures.period ? ', in the period' : ''}
        </h3>
        <table className="cache-figures">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col" className="numeric">
                All clicks
              </th>
              <th scope="col" className="numeric">
                Without suspected bots
              </th>
            </tr>
          </thead>
          <tbody>
            <tr title="Every click">
              <th scope="row">Clicks</th>
              <td className="numeric" data-testid="cache-clicks">
                {n(cache.clicks)}
              </td>
              <td className="numeric">{n(cache.humanClicks)}</td>
            </tr>
            <tr title="Distinct destinations that clicked: Copernica's unique clicks">
              <th scope="row">Unique clickers</th>
              <td className="numeric" data-testid="cache-unique-clickers">
                {n(cache.uniqueClickers)}
              </td>
              <td className="numeric">{n(cache.humanUniqueClickers)}</td>
            </tr>
            <tr title="Distinct destination × link: Mailchimp's and Postmark's unique clicks">
              <th scope="row">Unique link clicks</th>
              <td className="numeric" data-testid="cache-unique-link-clicks">
                {n(cache.uniqueLinkClicks)}
              </td>
              <td className="numeric muted">—</td>
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  );
}
