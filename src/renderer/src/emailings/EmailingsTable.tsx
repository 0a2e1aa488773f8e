import type { KeyboardEvent } from 'react';
import type { CachedEmailing } from '../../../shared/contract';
import { formatCount, formatLocalInstant, formatRelative, formatWallClock } from '../format';
import { useNow } from '../hooks/useNow';

const minute = 60_000;

export function EmailingsTable({ emailings }: { emailings: CachedEmailing[] }) {
  const now = useNow(minute / 2);
  return (
    <div className="table-scroll">
      <table className="emailings">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col" className="numeric">
              Emailing
            </th>
            <th scope="col">Subject</th>
            <th scope="col">Sent</th>
            <th scope="col" className="numeric">
              Clicks
            </th>
            <th scope="col">Last refreshed</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody onKeyDown={moveRowFocus}>
          {emailings.map((emailing) => (
            <EmailingRow key={emailing.key} emailing={emailing} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmailingRow({ emailing, now }: { emailing: CachedEmailing; now: number }) {
  const subject = emailing.subject ?? 'No subject';
  return (
    <tr
      tabIndex={0}
      data-emailing-id={emailing.emailingId}
      aria-label={`${subject}, emailing ${emailing.emailingId}, ${formatCount(emailing.clickCount)} clicks`}
      className={emailing.lastError === null ? undefined : 'has-error'}
    >
      <td className="account">{emailing.accountLabel}</td>
      <td className="numeric mono">{emailing.emailingId}</td>
      <td className={emailing.subject === null ? 'subject muted' : 'subject'} title={subject}>
        <span className="subject-text">{subject}</span>
      </td>
      <td className="nowrap">
        {emailing.sentAt === null ? (
          <span className="muted">Not sent</span>
        ) : (
          <time title="As shown in Copernica">{formatWallClock(emailing.sentAt)}</time>
        )}
      </td>
      <td className="numeric clicks" data-testid="click-count">
        {formatCount(emailing.clickCount)}
      </td>
      <td className="nowrap">
        {emailing.lastRefreshedAt === null ? (
          <span className="muted">Never</span>
        ) : (
          <time dateTime={emailing.lastRefreshedAt}>
            <span className="relative">{formatRelative(emailing.lastRefreshedAt, now)}</span>
            <span className="absolute">{formatLocalInstant(emailing.lastRefreshedAt)}</span>
          </time>
        )}
      </td>
      <td>
        {emailing.lastError === null ? (
          <span className="status ok">OK</span>
        ) : (
          <span className="status-error" title={emailing.lastError}>
            {emailing.lastError}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Besides Tab, the arrow keys, Home and End move between rows, as they would in a list. */
function moveRowFocus(event: KeyboardEvent<HTMLTableSectionElement>) {
  const row = (event.target as HTMLElement).closest('tr');
  if (!row) return;
  const body = event.currentTarget;
  const targets: Record<string, Element | null> = {
    ArrowDown: row.nextElementSibling,
    ArrowUp: row.previousElementSibling,
    Home: body.firstElementChild,
    End: body.lastElementChild,
  };
  const target = targets[event.key];
  if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus();
  }
}
