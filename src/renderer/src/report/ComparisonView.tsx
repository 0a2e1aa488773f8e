/**
 * Several emailings side by side (chosen in the list, then Compare): their key figures, the
 * click rate and click-to-open rate over send date, and their links matched by address without
 * tracking parameters, a clicks column per emailing. "Report…" writes it as PDF, xlsx or CSV.
 */
import { useMemo, useState } from 'react';
import { useApi } from '../ApiProvider';
import type { Account } from '../../../shared/schemas/accounts';
import type { ComparisonView as Comparison } from '../../../shared/schemas/report';
import { formatFigure, formatRate, rateDefinitions } from '../../../shared/figures/rates';
import { ExportStatus } from '../export/ExportStatus';
import { useExportJob } from '../export/exportJobs';
import { formatWallClockParts } from '../format';
import { useQuery } from '../hooks/useQuery';
import { LoadError } from '../ui/LoadError';
import { ClientReportDialog } from './ClientReportDialog';
import { RateChart, type RateSeries } from './RateChart';
import './report.css';

interface Props {
  account: Account;
  emailingKeys: number[];
  onBack: () => void;
}

type Emailing = Comparison['emailings'][number];

const formula = (id: string) => rateDefinitions.find((r) => r.id === id)?.formula;

const figureRows: { label: string; title?: string | undefined; value: (e: Emailing) => string }[] = [
  { label: 'Destinations', value: (e) => formatFigure(e.figures.copernica?.destinations ?? null) },
  { label: 'Delivered', value: (e) => formatFigure(e.figures.copernica?.delivered ?? null) },
  { label: 'Opened (unique)', value: (e) => formatFigure(e.figures.copernica?.impressions.unique ?? null) },
  { label: 'Clicked (unique)', value: (e) => formatFigure(e.figures.copernica?.clicks.unique ?? null) },
  ...(['openRate', 'clickRate', 'clickToOpenRate', 'copernicaCtr'] as const).map((id) => ({
    label: rateDefinitions.find((r) => r.id === id)!.label,
    title: formula(id),
    value: (e: Emailing) => formatRate(e.figures.rates[id]),
  })),
  { label: 'Cached clicks', value: (e) => formatFigure(e.figures.cache.clicks) },
  {
    label: 'Unique clickers',
    title: 'distinct destinations with a click',
    value: (e) => formatFigure(e.figures.cache.uniqueClickers),
  },
];

function sentDate(e: Emailing): string {
  return (e.sentAt ? formatWallClockParts(e.sentAt)?.date : null) ?? `ID ${e.remoteId}`;
}

export function ComparisonView({ account, emailingKeys, onBack }: Props) {
  const api = useApi();
  const report = useExportJob();
  const [reporting, setReporting] = useState(false);
  const comparison = useQuery(['comparison', emailingKeys], () => api.compareEmailings({ emailingKeys }), {
    refetchOnCacheChange: true,
  });
  const data = comparison.data;
  const series = useMemo<RateSeries[]>(
    () =>
      data
        ? [
            {
              label: 'Click rate',
              values: data.emailings.map((e) => e.figures.rates.clickRate),
              colorToken: '--chart-series',
            },
            {
              label: 'Click-to-open rate',
              values: data.emailings.map((e) => e.figures.rates.clickToOpenRate),
              colorToken: '--chart-series-all',
            },
          ]
        : [],
    [data],
  );
  const labels = useMemo(() => data?.emailings.map(sentDate) ?? [], [data]);

  return (
    <section className="emailing-detail" aria-labelledby="comparison-title">
      <header className="detail-header">
        <button type="button" className="back-button" onClick={onBack} aria-label="Back to the emailings">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </button>
        <div className="detail-title">
          <h2 id="comparison-title">Comparison of {emailingKeys.length} emailings</h2>
          <p className="detail-meta">
            <span>{account.label}</span>
            <span>Oldest first; rates by the formulas shown on hover</span>
          </p>
        </div>
        <div className="detail-actions">
          <button type="button" className="button" disabled={report.busy} onClick={() => setReporting(true)}>
            Report…
          </button>
        </div>
      </header>
      <ExportStatus control={report} what="the comparison" />
      {reporting && (
        <ClientReportDialog
          emailingKeys={emailingKeys}
          scope={{}}
          control={report}
          onClose={() => setReporting(false)}
        />
      )}
      <div className="comparison">
        {comparison.error && (
          <LoadError
            title="Could not compare these emailings."
            error={comparison.error}
            onRetry={comparison.reload}
            retrying={comparison.loading}
          />
        )}
        {!data ? (
          !comparison.error && <p className="loading">Comparing…</p>
        ) : (
          <>
            <h3>Key figures side by side</h3>
            <div className="comparison-scroll">
              <table className="comparison-table" data-testid="comparison-figures">
                <thead>
                  <tr>
                    <th scope="col" />
                    {data.emailings.map((e) => (
                      <th key={e.emailingKey} scope="col" title={e.subject ?? undefined}>
                        {e.subject ?? `Emailing ${e.remoteId}`}
                        <span className="link-address">
                          {e.remoteId} · {sentDate(e)}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {figureRows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row" title={row.title}>
                        {row.label}
                      </th>
                      {data.emailings.map((e) => (
                        <td key={e.emailingKey}>{row.value(e)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>Click rate and click-to-open rate by send date</h3>
            <RateChart labels={labels} series={series} />
            <h3>Links matched across the emailings</h3>
            <p className="muted">
              By address, without utm_* and other tracking parameters; system links last.
            </p>
            <div className="comparison-scroll">
              <table className="comparison-table" data-testid="comparison-links">
                <thead>
                  <tr>
                    <th scope="col">Link</th>
                    {data.emailings.map((e) => (
                      <th key={e.emailingKey} scope="col">
                        {e.remoteId}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {data.links.map((link) => (
                    <tr key={link.key}>
                      <th scope="row">
                        {link.title || '(no title)'}
                        {link.kind !== 'content' && <span className="muted"> ({link.kind})</span>}
                        <span className="link-address">{link.key}</span>
                      </th>
                      {link.clicks.map((clicks, i) => (
                        <td key={i}>{formatFigure(clicks)}</td>
                      ))}
                      <td>{formatFigure(link.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.moreLinks > 0 && (
              <p className="muted">
                … and {formatFigure(data.moreLinks)} more; the report files hold them all.
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
