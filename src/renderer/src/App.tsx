import type { ApiClient } from './api';
import { AppHeader } from './AppHeader';
import { EmailingsView } from './emailings/EmailingsView';
import { useAppInfo } from './hooks/useAppInfo';

export function App({ api }: { api: ApiClient }) {
  const info = useAppInfo(api);
  return (
    <div className="app">
      <AppHeader version={info?.version ?? null} />
      <main className="app-main">
        <EmailingsView api={api} />
      </main>
      {info && (
        <footer className="app-footer">
          <span>
            Cache <span className="mono">{info.databasePath}</span>
          </span>
          <span>Schema v{info.schemaVersion}</span>
        </footer>
      )}
    </div>
  );
}
