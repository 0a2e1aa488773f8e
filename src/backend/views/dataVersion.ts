import type { StatementCache } from './statementCache';

/**
 * Changes whenever a sync writes to the emailing, or its verdicts are judged by other rules, so
 * cached counts and orders never go stale.
 */
export function dataVersion(statements: StatementCache, emailingKey: number): string {
  const state = statements
    .get(
      `SELECT s.rows, s.last_success_at AS at,
              (SELECT v.rules FROM verdict_state v WHERE v.emailing_id = s.emailing_id) AS rules
         FROM sync_state s WHERE s.emailing_id = ?`,
    )
    .get(emailingKey) as { rows: number; at: string | null; rules: string | null } | undefined;
  return state ? `${state.rows}@${state.at}/${state.rules}` : 'none';
}
