import type { ApiClient } from '../api';
import { useCachedEmailings } from '../hooks/useCachedEmailings';
import { EmailingsTable } from './EmailingsTable';
import { EmptyState } from './EmptyState';
import { LoadError } from './LoadError';
import { formatCount } from '../format';

/** The cached emailings, or what to do when there are none or they cannot be read. */
export function EmailingsView({ api }: { api: ApiClient }) {
  const { emailings, error, loading, reload } = useCachedEmailings(api);

  if (emailings === null) {
    if (error) return <LoadError error={error} onRetry={reload} retrying={loading} />;
    return (
      <p className="loading" role="status">
        Loading the cache…
      </p>
    );
  }

  return (
    <section className="panel" aria-labelledby="emailings-title">
      <div className="panel-header">
        <h2 id="emailings-title">
          Cached emailings <span className="count">{formatCount(emailings.length)}</span>
        </h2>
        <button type="button" className="button" onClick={reload} disabled={loading}>
          {loading ? 'Reloading…' : 'Reload'}
        </button>
      </div>
      {/* A failed reload keeps the last list on screen, but says that it may be out of date. */}
      {error && <LoadError error={error} onRetry={reload} retrying={loading} compact />}
      {emailings.length === 0 ? <EmptyState /> : <EmailingsTable emailings={emailings} />}
    </section>
  );
}
