import type { ReactNode } from 'react';

interface Props {
  icon: 'mail' | 'account' | 'search';
  title: string;
  children?: ReactNode;
  /** The buttons for what to do next. */
  actions?: ReactNode;
}

const icons: Record<Props['icon'], ReactNode> = {
  mail: (
    <>
      <path d="M3 7l9 6 9-6" />
      <rect x="3" y="5" width="18" height="14" rx="2" />
    </>
  ),
  account: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="6" />
      <path d="m20 20-4.5-4.5" />
    </>
  ),
};

/** What an empty place says: what is missing and what to do about it. */
export function EmptyState({ icon, title, children, actions }: Props) {
  return (
    <div className="empty-state">
      <svg className="empty-icon" viewBox="0 0 24 24" aria-hidden="true">
        {icons[icon]}
      </svg>
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}
