/**
 * Clicks and unique clickers (distinct destinations) per device type, operating system and
 * browser or mail client: a chart of the clicks per device type and a table of every breakdown,
 * the suspected bots left out when the switch says so. Of the whole emailing: the counts are
 * kept with the verdicts, not per period.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type { DeviceRowSchema } from '../../../shared/schemas/bots';
import { useApi } from '../ApiProvider';
import { BarChart } from '../chart/BarChart';
import { formatCount } from '../format';
import { useQuery } from '../hooks/useQuery';
import { LoadError } from '../ui/LoadError';
import './devices.css';

type DeviceRow = z.infer<typeof DeviceRowSchema>;

interface Props {
  emailingKey: number;
  dataVersion: string;
  excludeBots: boolean;
}

const breakdowns = [
  { dimension: 'device', title: 'Device type' },
  { dimension: 'os', title: 'Operating system' },
  { dimension: 'client', title: 'Browser or mail client' },
] as const;

export function DevicesView({ emailingKey, dataVersion, excludeBots }: Props) {
  const api = useApi();
  const devices = useQuery(
    ['devices', emailingKey, excludeBots, dataVersion],
    () => api.getDevices({ emailingKey, excludeBots }),
    { keepPrevious: true, refetchOnCacheChange: true },
  );
  const rows = devices.data?.rows;
  const byType = useMemo(() => (rows ?? []).filter((r) => r.dimension === 'device'), [rows]);
  if (devices.error && !devices.loading)
    return (
      <LoadError
        title="Could not load the devices."
        error={devices.error}
        onRetry={devices.reload}
        retrying={false}
      />
    );
  if (!rows) return <p className="muted">Loading…</p>;
  if (rows.length === 0) return <p className="muted">No clicks to break down.</p>;
  return (
    <div className="devices-view" data-testid="devices-view">
      <div className="devices-chart">
        <BarChart
          ariaLabel="Clicks per device type"
          labels={byType.map((r) => r.value)}
          series={[
            { label: 'Clicks', values: byType.map((r) => r.clicks), colorToken: '--chart-series-all' },
            {
              label: 'Unique clickers',
              values: byType.map((r) => r.uniqueClickers),
              colorToken: '--chart-series',
            },
          ]}
        />
      </div>
      <div className="devices-tables">
        {breakdowns.map(({ dimension, title }) => (
          <Breakdown key={dimension} title={title} rows={rows.filter((r) => r.dimension === dimension)} />
        ))}
      </div>
    </div>
  );
}

function Breakdown({ title, rows }: { title: string; rows: DeviceRow[] }) {
  return (
    <table className="devices-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title}</th>
          <th scope="col" className="number">
            Clicks
          </th>
          <th scope="col" className="number" title="Distinct destinations, Copernica's unique">
            Unique clickers
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.value}>
            <th scope="row">{r.value}</th>
            <td className="number">{formatCount(r.clicks)}</td>
            <td className="number">{formatCount(r.uniqueClickers)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
