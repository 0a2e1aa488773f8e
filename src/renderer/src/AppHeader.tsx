interface Props {
  version: string | null;
  /** Null until the backend has said. */
  online: boolean | null;
  onOpenSettings: () => void;
}

export function AppHeader({ version, online, onOpenSettings }: Props) {
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
      <div className="header-actions">
        {online !== null && (
          <span className={online ? 'connectivity online' : 'connectivity offline'} role="status">
            <span className="dot" aria-hidden="true" />
            {online ? 'Online' : 'Offline'}
          </span>
        )}
        <button type="button" className="button button-ghost" onClick={onOpenSettings}>
          <svg className="button-icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="3" />
            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
          </svg>
          Settings
        </button>
      </div>
    </header>
  );
}
