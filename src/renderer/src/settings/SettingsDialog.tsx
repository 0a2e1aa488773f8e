import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../ApiProvider';
import type { AppInfo } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { useTokenStorage } from '../accounts/AccountDialog';
import { useQuery } from '../hooks/useQuery';
import { Dialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';
import { BotRulesSection } from './BotRulesSection';
import { ThemeSection } from './ThemeSection';
import './settings.css';

interface Props {
  info: AppInfo | null;
  onClose: () => void;
}

const maxMinutes = 7 * 24 * 60;

export function SettingsDialog({ info, onClose }: Props) {
  const api = useApi();
  const settings = useQuery(['settings'], () => api.getSettings());
  // What the user typed, over what was read; null until the settings are read.
  const [typed, setMinutes] = useState<string | null>(null);
  const minutes = typed ?? (settings.data ? String(settings.data.refreshAfterMinutes) : null);
  const storage = useTokenStorage();
  const [saveError, setError] = useState<string | null>(null);
  const error = saveError ?? settings.error?.message ?? null;
  const [saving, setSaving] = useState(false);
  const minutesId = useId();
  const minutesHint = useId();

  async function save(event: FormEvent) {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > maxMinutes) {
      setError(`Enter a whole number of minutes from 1 to ${maxMinutes.toLocaleString()}.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.updateSettings({ refreshAfterMinutes: value });
      onClose();
    } catch (cause) {
      setError(messageOf(cause, 'The settings could not be saved.'));
      setSaving(false);
    }
  }

  return (
    <Dialog title="Settings" onClose={onClose}>
      <form className="dialog-body form" onSubmit={save} noValidate>
        <section className="settings-section">
          <h3 className="section-label">Refresh at launch</h3>
          <div className="field field-inline">
            <label htmlFor={minutesId}>Refresh tracked emailings older than</label>
            <input
              id={minutesId}
              className="input input-number"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxMinutes}
              value={minutes ?? ''}
              disabled={minutes === null || saving}
              aria-describedby={minutesHint}
              onChange={(event) => setMinutes(event.target.value)}
            />
            <span>minutes</span>
          </div>
          <p id={minutesHint} className="field-hint">
            When the app opens, tracked emailings last refreshed longer ago than this are brought up to date
            in the background.
          </p>
        </section>
        <ThemeSection />
        <BotRulesSection />
        <section className="settings-section">
          <h3 className="section-label">Access tokens</h3>
          {storage === null ? (
            <p className="muted">Checking how tokens are stored…</p>
          ) : storage.warning ? (
            <Notice tone="warning">{storage.warning}</Notice>
          ) : (
            <p className="storage-ok">
              <span className="dot dot-ok" aria-hidden="true" />
              Encrypted with the system keychain ({storage.backend}).
            </p>
          )}
        </section>
        {info && (
          <section className="settings-section">
            <h3 className="section-label">Cache</h3>
            <p className="mono cache-path">{info.databasePath}</p>
            <p className="field-hint">
              Version {info.version}, schema v{info.schemaVersion}. The command-line tool uses the same file.
            </p>
          </section>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={minutes === null || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function messageOf(cause: unknown, fallback: string): string {
  return cause instanceof AppError ? cause.message : fallback;
}
