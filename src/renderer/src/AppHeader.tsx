export function AppHeader({ version }: { version: string | null }) {
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 3.5 19 10l-6.2 1.8L10.9 18z" />
          <path d="m13.4 12.4 5.1 5.1" />
        </svg>
        <h1 className="brand-name">Copernica Clicks</h1>
        {version && (
          <span className="version" aria-label={`Version ${version}`}>
            v{version}
          </span>
        )}
      </div>
      <p className="tagline">Click statistics of your emailings, cached for offline analysis</p>
    </header>
  );
}
