import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../ApiProvider';
import { AppError } from '../../../shared/errors';
import {
  type Account,
  type ApiVersion,
  type TokenStorage,
  apiVersions,
} from '../../../shared/schemas/accounts';
import { useQuery } from '../hooks/useQuery';
import { Dialog } from '../ui/Dialog';
import { Notice } from '../ui/Notice';
import { TimeZoneField } from './TimeZoneField';
import { defaultTimeZone } from './timeZones';

interface Props {
  /** The account to edit; leave out to add one. */
  account?: Account;
  onClose: () => void;
  onSaved: (account: Account) => void;
}

/**
 * Add an account, or change one. The token is typed here and goes to main, which checks it with
 * Copernica and keeps it encrypted; the current token is never shown, only replaced.
 */
export function AccountDialog({ account, onClose, onSaved }: Props) {
  const api = useApi();
  const editing = account !== undefined;
  const [label, setLabel] = useState(account?.label ?? '');
  const [token, setToken] = useState('');
  const [apiVersion, setApiVersion] = useState<ApiVersion>(account?.apiVersion ?? 'v2');
  const [timeZone, setTimeZone] = useState(account?.timeZone ?? defaultTimeZone);
  const [saving, setSaving] = useState(false);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const storage = useTokenStorage();
  const storageWarning = storage?.warning ?? null;
  // Linux without a keyring: the token is saved, merely obfuscated, only if the user says so.
  const askConsent = storage !== null && !storage.secure && !account?.isDemo;
  const [storeUnencrypted, setStoreUnencrypted] = useState(false);
  const ids = {
    label: useId(),
    token: useId(),
    tokenHelp: useId(),
    tokenError: useId(),
    version: useId(),
    consent: useId(),
    consentHelp: useId(),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setTokenError(null);
    setFormError(null);
    try {
      const newToken = token.trim() === '' ? undefined : token;
      const consent = askConsent ? { storeTokenUnencrypted: storeUnencrypted } : {};
      const saved = editing
        ? await api.updateAccount({
            id: account.id,
            label,
            apiVersion,
            timeZone,
            ...(newToken === undefined ? {} : { token: newToken, ...consent }),
          })
        : await api.addAccount({ label, token, apiVersion, timeZone, ...consent });
      onSaved(saved);
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'The account could not be saved.';
      // Copernica's own words for a refused token belong next to the token.
      if (error instanceof AppError && error.code === 'invalid_token') setTokenError(message);
      else setFormError(message);
      setSaving(false);
    }
  }

  return (
    <Dialog title={editing ? `Edit ${account.label}` : 'Add a Copernica account'} onClose={onClose}>
      <form className="dialog-body form" onSubmit={submit} noValidate>
        {storageWarning && <Notice tone="warning">{storageWarning}</Notice>}
        <div className="field">
          <label htmlFor={ids.label}>Name</label>
          <input
            id={ids.label}
            className="input"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder="e.g. Fietsenwinkel B.V."
            maxLength={100}
            required
            autoFocus
            disabled={saving}
          />
        </div>
        {/* The sample data runs on a server inside the app: it has no token to change. */}
        {!account?.isDemo && (
          <div className="field">
            <label htmlFor={ids.token}>{editing ? 'New access token' : 'Access token'}</label>
            <input
              id={ids.token}
              className="input mono"
              type="password"
              value={token}
              onChange={(event) => {
                setToken(event.target.value);
                setTokenError(null);
              }}
              autoComplete="off"
              spellCheck={false}
              required={!editing}
              aria-invalid={tokenError !== null}
              aria-describedby={tokenError ? `${ids.tokenError} ${ids.tokenHelp}` : ids.tokenHelp}
              disabled={saving}
            />
            {tokenError && (
              <p id={ids.tokenError} className="field-error" role="alert">
                {tokenError}
              </p>
            )}
            <p id={ids.tokenHelp} className="field-hint">
              {editing
                ? 'Leave empty to keep the current token. Tokens are never shown again once saved.'
                : 'In Copernica: Configuration → API access tokens. It is checked with Copernica, kept on this computer only and never shown again.'}
            </p>
          </div>
        )}
        {askConsent && (
          <div className="field">
            <div className="field-inline">
              <input
                id={ids.consent}
                type="checkbox"
                checked={storeUnencrypted}
                onChange={(event) => setStoreUnencrypted(event.target.checked)}
                aria-describedby={ids.consentHelp}
                disabled={saving}
              />
              <label htmlFor={ids.consent}>Save the token unencrypted on this computer</label>
            </div>
            <p id={ids.consentHelp} className="field-hint">
              Without a keyring, a saved token is only obfuscated: anyone who can read your files can read it.
              Leave this off to keep the token for this session only; after a restart the account asks for it
              again.
            </p>
          </div>
        )}
        <fieldset className="field">
          <legend id={ids.version}>API version</legend>
          <div className="segmented" role="radiogroup" aria-labelledby={ids.version}>
            {apiVersions.map((version) => (
              <label key={version} className={apiVersion === version ? 'segment checked' : 'segment'}>
                <input
                  type="radio"
                  name="apiVersion"
                  value={version}
                  checked={apiVersion === version}
                  onChange={() => setApiVersion(version)}
                  disabled={saving}
                />
                REST {version}
              </label>
            ))}
          </div>
          <p className="field-hint">
            v4 exchanges the token for a short-lived key and never puts it in a web address; a token created
            “only available for API v4” needs v4.
          </p>
        </fieldset>
        <TimeZoneField value={timeZone} onChange={setTimeZone} disabled={saving} />
        {formError && <Notice tone="error">{formError}</Notice>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Checking with Copernica…' : editing ? 'Save changes' : 'Add account'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** How tokens are stored here, with what the user should know about it (Linux without a keyring); null until known. */
export function useTokenStorage(): TokenStorage | null {
  const api = useApi();
  return useQuery(['tokenStorage'], () => api.getTokenStorage()).data;
}
