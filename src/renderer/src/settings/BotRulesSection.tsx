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
import { RuleNumber, RuleSwitch } from './BotRuleFields';

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
  const editing = { rules, onChange: (next: BotRules) => setEdited(next) };

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
        <RuleSwitch {...editing} rule="burst" />
        Burst: one destination clicks
        <RuleNumber {...editing} rule="burst" field="minLinks" min={2} label="Burst: distinct links" />
        distinct links within
        <RuleNumber {...editing} rule="burst" field="seconds" min={0} label="Burst: seconds" />
        seconds
      </label>
      <label className="field field-inline">
        <RuleSwitch {...editing} rule="everyLink" />
        Every link: a destination clicks every link of an emailing with at least
        <RuleNumber {...editing} rule="everyLink" field="minLinks" min={2} label="Every link: links" />
        links
      </label>
      <label className="field field-inline">
        <RuleSwitch {...editing} rule="knownAgent" />
        Known agent: bots, crawlers, headless browsers, HTTP libraries, link scanners, no user agent
      </label>
      <label className="field field-inline">
        <RuleSwitch {...editing} rule="sticky" />
        Sticky: after a flagged click, the same IP’s clicks within
        <RuleNumber {...editing} rule="sticky" field="minutes" min={1} label="Sticky: minutes" />
        minutes
      </label>
      <label className="field field-inline">
        <RuleSwitch {...editing} rule="scannerNetwork" />
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
