/** What a new user sees: how to fill the cache today, and what is coming. */
export function EmptyState() {
  return (
    <div className="empty-state">
      <svg className="empty-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 7l9 6 9-6" />
        <rect x="3" y="5" width="18" height="14" rx="2" />
      </svg>
      <h3>No emailings cached yet.</h3>
      <p>
        Fill the cache with <code>npm run cli -- sync --base-url … --token … --emailing …</code>, or add an
        account (coming soon).
      </p>
      <button type="button" className="button" disabled>
        Add account (coming soon)
      </button>
    </div>
  );
}
