import { useState } from 'react';
import type { ApiClient } from './api';
import { ApiProvider, useApi } from './ApiProvider';
import { AccountDialog } from './accounts/AccountDialog';
import { AccountSidebar } from './accounts/AccountSidebar';
import { RemoveAccountDialog } from './accounts/RemoveAccountDialog';
import { AppHeader } from './AppHeader';
import { AppCommandsProvider, useAppCommand } from './commands/AppCommands';
import { AboutDialog } from './help/AboutDialog';
import { TokenHelpDialog } from './help/TokenHelpDialog';
import { BackendRestartedNotice, useBackendRestarted } from './BackendRestartedNotice';
import { AccountView } from './emailings/AccountView';
import { useAppInfo } from './hooks/useAppInfo';
import { useConnectivity } from './hooks/useConnectivity';
import { useQuery } from './hooks/useQuery';
import { useWindowTitle } from './hooks/useWindowTitle';
import { useSyncProgress } from './hooks/useSyncProgress';
import { ExportChoiceProvider } from './export/exportChoice';
import { OfflineBanner } from './OfflineBanner';
import { SettingsDialog } from './settings/SettingsDialog';
import { AppError } from '../../shared/errors';
import type { Account } from '../../shared/schemas/accounts';
import { EmptyState } from './ui/EmptyState';
import { LoadError } from './ui/LoadError';
import { Notice } from './ui/Notice';

type OpenDialog =
  | { kind: 'add' }
  | { kind: 'edit'; account: Account }
  | { kind: 'remove'; account: Account }
  | { kind: 'settings' }
  | { kind: 'about' }
  | { kind: 'tokenHelp' };

/** The window, over the API client it is given: the bridge's in the app, a fake in a test. */
export function App({ api }: { api: ApiClient }) {
  return (
    <ApiProvider client={api}>
      <AppCommandsProvider>
        <ExportChoiceProvider>
          <AppWindow />
        </ExportChoiceProvider>
      </AppCommandsProvider>
    </ApiProvider>
  );
}

function AppWindow() {
  const api = useApi();
  const info = useAppInfo();
  const connectivity = useConnectivity();
  const running = useSyncProgress();
  const backendRestart = useBackendRestarted();
  const accounts = useQuery(['accounts'], () => api.listAccounts(), { refetchOnCacheChange: true });
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [creatingSample, setCreatingSample] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);

  const list = accounts.data;
  // The chosen account, or the first one when none is chosen yet or the chosen one was removed.
  const selected = list?.find((account) => account.id === chosenId) ?? list?.[0] ?? null;
  const offline = connectivity.online === false;

  async function exploreSample() {
    setCreatingSample(true);
    setSampleError(null);
    try {
      const demo = await api.createDemoAccount();
      setChosenId(demo.id);
      accounts.reload();
    } catch (cause) {
      setSampleError(cause instanceof AppError ? cause.message : 'The sample data could not be prepared.');
    }
    setCreatingSample(false);
  }

  const openAdd = () => setDialog({ kind: 'add' });
  useWindowTitle(list !== null && list.length === 0 ? [] : null);
  const [sidebarHidden, setSidebarHidden] = useState(false);
  useAppCommand('addAccount', openAdd);
  useAppCommand('settings', () => setDialog({ kind: 'settings' }));
  useAppCommand('about', () => setDialog({ kind: 'about' }));
  useAppCommand('tokenHelp', () => setDialog({ kind: 'tokenHelp' }));
  useAppCommand('toggleSidebar', () => setSidebarHidden((hidden) => !hidden));

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // Focus, not only scroll: the next Tab then starts in the content.
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to the main content
      </a>
      <AppHeader
        version={info?.version ?? null}
        online={connectivity.online}
        onOpenSettings={() => setDialog({ kind: 'settings' })}
      />
      {offline && <OfflineBanner accounts={list ?? []} />}
      <div className="app-body">
        {!sidebarHidden && (
          <AccountSidebar
            accounts={list}
            selectedId={selected?.id ?? null}
            onSelect={setChosenId}
            onAdd={openAdd}
            onExploreSample={exploreSample}
            creatingSample={creatingSample}
          />
        )}
        <main className="app-main" id="main-content" tabIndex={-1}>
          {backendRestart.restartedAt && <BackendRestartedNotice onDismiss={backendRestart.dismiss} />}
          {sampleError && (
            <Notice tone="error" onDismiss={() => setSampleError(null)}>
              {sampleError}
            </Notice>
          )}
          {accounts.error && (
            <LoadError
              title="Could not load the accounts."
              error={accounts.error}
              onRetry={accounts.reload}
              retrying={accounts.loading}
            />
          )}
          {list === null ? (
            !accounts.error && (
              <p className="loading" role="status">
                Opening the cache…
              </p>
            )
          ) : selected ? (
            <AccountView
              key={selected.id}
              account={selected}
              running={running}
              offline={offline}
              onUnreachable={connectivity.reportUnreachable}
              onEdit={() => setDialog({ kind: 'edit', account: selected })}
              onRemove={() => setDialog({ kind: 'remove', account: selected })}
            />
          ) : (
            <section className="panel welcome">
              <EmptyState
                icon="account"
                title="Add a Copernica account or explore sample data"
                actions={
                  <>
                    <button type="button" className="button button-primary" onClick={openAdd}>
                      Add account
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={exploreSample}
                      disabled={creatingSample}
                    >
                      {creatingSample ? 'Preparing sample data…' : 'Explore sample data'}
                    </button>
                  </>
                }
              >
                With an access token of your Copernica account, the click statistics of its emailings are
                cached on this computer, to explore and export even without a network. The sample data shows
                what that looks like without a token.
              </EmptyState>
            </section>
          )}
        </main>
      </div>

      {dialog?.kind === 'add' && (
        <AccountDialog
          onClose={() => setDialog(null)}
          onSaved={(account) => {
            setDialog(null);
            setChosenId(account.id);
            accounts.reload();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <AccountDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            accounts.reload();
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveAccountDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onRemoved={() => {
            setDialog(null);
            setChosenId(null);
            accounts.reload();
          }}
        />
      )}
      {dialog?.kind === 'settings' && <SettingsDialog info={info} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'about' && <AboutDialog info={info} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'tokenHelp' && <TokenHelpDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
