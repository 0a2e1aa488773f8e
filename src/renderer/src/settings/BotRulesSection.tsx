/**
 * The bot rules in Settings: each rule on or off with its thresholds (the vendors' defaults,
 * figures.md §6), the scanner networks as CIDR ranges with Microsoft's offered as a one-click
 * example. Applying them judges every cached click again, with progress.
 */
import { useEffect, useState } from 'react';
import {
  type BotRules,
  defaultBotRules,
  microsoftScannerRanges,
  type VerdictProgress,
} from '../../../shared/schemas/bots';
import { AppError } from '../../../shared/errors';
import { useApi } from '../ApiProvider';
import { formatCount } from '../format';
import { useQuery } from '../hooks/useQuery';
import { Notice } from '../ui/Notice';

export function BotRulesSection() {
  const api = useApi();
  const stored = useQuery(['botRules'], () => api.getBotRules({}));
  const [edited, setEdited] = useState<BotRules | null>(null);
  const rules = edited ?? stored.data ?? null;
  const [ranges, setRanges] = useState<string | null>(null);
  const [progress, setProgress] = useState<VerdictProgress | null>(null);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => api.onVerdictProgress(setProgress), [api]);

  if (!rules) return <p className="muted">Reading the bot rules…</p>;
  const rangeText = ranges ?? rules.scannerNetwork.ranges.join('\n');
  const change = (next: BotRules) => setEdited(next);
  const number = (value: string, fallback: number) =>
    Number.isInteger(Number(value)) ? Number(value) : fallback;

  async function apply() {
    if (!rules) return;
    const list = rangeText
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    setApplying(true);
    setError(null);
    try {
      const saved = await api.updateBotRules({
        ...rules,
        scannerNetwork: { ...rules.scannerNetwork, ranges: list },
      });
      setEdited(saved);
      setRanges(null);
    } catch (cause) {
      setError(cause instanceof AppError ? cause.message : 'The bot rules could not be applied.');
    } finally {
      setApplying(false);
    }
  }

  return (
    <section className="settings-section bot-rules" aria-labelledby="bot-rules-title">
      <h3 className="section-label" id="bot-rules-title">
        Suspected bots
      </h3>
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={rules.burst.enabled}
          onChange={(e) => change({ ...rules, burst: { ...rules.burst, enabled: e.target.checked } })}
        />
        Burst: one destination clicks
        <input
          className="input input-number"
          type="number"
          min={2}
          aria-label="Burst: distinct links"
          value={rules.burst.minLinks}
          onChange={(e) =>
            change({ ...rules, burst: { ...rules.burst, minLinks: number(e.target.value, 2) } })
          }
        />
        distinct links within
        <input
          className="input input-number"
          type="number"
          min={0}
          aria-label="Burst: seconds"
          value={rules.burst.seconds}
          onChange={(e) =>
            change({ ...rules, burst: { ...rules.burst, seconds: number(e.target.value, 2) } })
          }
        />
        seconds
      </label>
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={rules.everyLink.enabled}
          onChange={(e) => change({ ...rules, everyLink: { ...rules.everyLink, enabled: e.target.checked } })}
        />
        Every link: a destination clicks every link of an emailing with at least
        <input
          className="input input-number"
          type="number"
          min={2}
          aria-label="Every link: links"
          value={rules.everyLink.minLinks}
          onChange={(e) =>
            change({
              ...rules,
              everyLink: { enabled: rules.everyLink.enabled, minLinks: number(e.target.value, 3) },
            })
          }
        />
        links
      </label>
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={rules.knownAgent.enabled}
          onChange={(e) => change({ ...rules, knownAgent: { enabled: e.target.checked } })}
        />
        Known agent: bots, crawlers, headless browsers, HTTP libraries, link scanners, no user agent
      </label>
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={rules.sticky.enabled}
          onChange={(e) => change({ ...rules, sticky: { ...rules.sticky, enabled: e.target.checked } })}
        />
        Sticky: after a flagged click, the same IP’s clicks within
        <input
          className="input input-number"
          type="number"
          min={1}
          aria-label="Sticky: minutes"
          value={rules.sticky.minutes}
          onChange={(e) =>
            change({ ...rules, sticky: { ...rules.sticky, minutes: number(e.target.value, 15) } })
          }
        />
        minutes
      </label>
      <label className="field field-inline">
        <input
          type="checkbox"
          checked={rules.scannerNetwork.enabled}
          onChange={(e) =>
            change({ ...rules, scannerNetwork: { ...rules.scannerNetwork, enabled: e.target.checked } })
          }
        />
        Scanner network: IPs in these ranges (CIDR, one a line)
      </label>
      <textarea
        className="input mono"
        rows={3}
        aria-label="Scanner network ranges"
        value={rangeText}
        onChange={(e) => setRanges(e.target.value)}
      />
      <div className="field-inline">
        <button
          type="button"
          className="link-button"
          onClick={() =>
            setRanges(
              [...new Set([...rangeText.split(/\s+/).filter(Boolean), ...microsoftScannerRanges])].join('\n'),
            )
          }
        >
          Add Microsoft’s scanner ranges (example)
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setEdited(defaultBotRules);
            setRanges(null);
          }}
        >
          Vendors’ defaults
        </button>
      </div>
      <div className="field-inline">
        <button type="button" className="button" onClick={apply} disabled={applying}>
          {applying ? 'Judging every click…' : 'Apply the rules'}
        </button>
        {applying && progress && !progress.finished && (
          <span role="status">
            {formatCount(progress.done)} of {formatCount(progress.total)} clicks judged
          </span>
        )}
      </div>
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}
