import { type FormEvent, useId, useRef, useState } from 'react';
import { useApi } from '../ApiProvider';
import { AppError } from '../../../shared/errors';
import {
  type Account,
  AddAccountInput,
  type ApiVersion,
  type TokenStorage,
  UpdateAccountInput,
  apiVersions,
} from '../../../shared/schemas/accounts';
import { type FieldErrors, fieldErrorsOf, firstInvalid } from './accountFormErrors';
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const labelInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const storage = useTokenStorage();
  const storageWarning = storage?.warning ?? null;
  // Linux without a keyring: the token is saved, merely obfuscated, only if the user says so.
  const askConsent = storage !== null && !storage.secure && !account?.isDemo;
  const [storeUnencrypted, setStoreUnencrypted] = useState(false);
  const ids = {
    label: useId(),
    labelError: useId(),
    token: useId(),
    tokenHelp: useId(),
    tokenError: useId(),
    version: useId(),
    consent: useId(),
    consentHelp: useId(),
  };

  /** Marks the fields the errors name and puts the focus on the first of them. */
  function showErrors(found: FieldErrors) {
    setErrors(found);
    const first = firstInvalid(found);
    if (first === 'label') labelInput.current?.focus();
    else if (first === 'token') tokenInput.current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    const newToken = token.trim() === '' ? undefined : token;
    const consent = askConsent ? { storeTokenUnencrypted: storeUnencrypted } : {};
    const input = editing
      ? {
          id: account.id,
          label,
          apiVersion,
          timeZone,
          ...(newToken === undefined ? {} : { token: newToken, ...consent }),
        }
      : { label, token, apiVersion, timeZone, ...consent };
    // Checked here first, with the contract's own rules, so each problem is said at its field.
    const checked = (editing ? UpdateAccountInput : AddAccountInput).safeParse(input);
    if (!checked.success) {
      const found = fieldErrorsOf(checked.error.issues);
      showErrors(found);
      if (found.other) setFormError(found.other);
      return;
    }
    setSaving(true);
    try {
      const saved = editing
        ? await api.updateAccount(input as Parameters<typeof api.updateAccount>[0])
        : await api.addAccount(input as Parameters<typeof api.addAccount>[0]);
      onSaved(saved);
    } catch (error) {
      setSaving(false);
      // Copernica's own words for a refused token belong next to the token.
      if (error instanceof AppError && error.code === 'invalid_token') {
        showErrors({ token: error.message });
        return;
      }
      // A rule only main knows: the contract's words name fields, not what to do.
      if (error instanceof AppError && error.code === 'invalid_input') {
        setFormError('Copernica Clicks could not accept what was entered. Check the fields and try again.');
        return;
      }
      setFormError(error instanceof AppError ? error.message : 'The account could not be saved.');
    }
  }

  return (
    <Dialog title={editing ? `Edit ${account.label}` : 'Add a Copernica account'} onClose={onClose}>
      <form className="dialog-body form" onSubmit={submit} noValidate>
        {storageWarning && <Notice tone="warning">{storageWarning}</Notice>}
        <div className="field">
          <label htmlFor={ids.label}>Name</label>
          <input
            ref={labelInput}
            id={ids.label}
            className="input"
            value={label}
            onChange={(event) => {
              setLabel(event.target.value);
              setErrors(({ label: _fixed, ...rest }) => rest);
            }}
            placeholder="e.g. Fietsenwinkel B.V."
            maxLength={100}
            required
            autoFocus
            aria-invalid={errors.label !== undefined}
            aria-describedby={errors.label ? ids.labelError : undefined}
            disabled={saving}
          />
          {errors.label && (
            <p id={ids.labelError} className="field-error">
              {errors.label}
            </p>
          )}
        </div>
        {/* The sample data runs on a server inside the app: it has no token to change. */}
        {!account?.isDemo && (
          <div className="field">
            <label htmlFor={ids.token}>{editing ? 'New access token' : 'Access token'}</label>
            <input
              ref={tokenInput}
              id={ids.token}
              className="input mono"
              type="password"
              value={token}
              onChange={(event) => {
                setToken(event.target.value);
                setErrors(({ token: _fixed, ...rest }) => rest);
              }}
              autoComplete="off"
              spellCheck={false}
              required={!editing}
              aria-invalid={errors.token !== undefined}
              aria-describedby={errors.token ? `${ids.tokenError} ${ids.tokenHelp}` : ids.tokenHelp}
              disabled={saving}
            />
            {errors.token && (
              <p id={ids.tokenError} className="field-error" role="alert">
                {errors.token}
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
