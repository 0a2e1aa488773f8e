import type { StatementCache } from './statementCache';

/** Changes whenever a sync writes to the emailing, so cached counts and orders never go stale. */
export function dataVersion(statements: StatementCache, emailingKey: number): string {
  const state = statements
    .get('SELECT rows, last_success_at AS at FROM sync_state WHERE emailing_id = ?')
    .get(emailingKey) as { rows: number; at: string | null } | undefined;
  return state ? `${state.rows}@${state.at}` : 'none';
}
