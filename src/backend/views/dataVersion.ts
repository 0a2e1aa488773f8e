import type { StatementCache } from './statementCache';

/**
 * Changes whenever a sync writes to the emailing (its clicks or its profiles' fields), or its verdicts are judged by other rules, so
 * cached counts and orders never go stale.
 */
export function dataVersion(statements: StatementCache, emailingKey: number): string {
  const state = statements
    .get(
      `SELECT s.rows, s.last_success_at AS at,
              (SELECT v.rules FROM verdict_state v WHERE v.emailing_id = s.emailing_id) AS rules,
              (SELECT f.last_success_at FROM profile_fetch_state f WHERE f.emailing_id = s.emailing_id) AS profiles
         FROM sync_state s WHERE s.emailing_id = ?`,
    )
    .get(emailingKey) as
    { rows: number; at: string | null; rules: string | null; profiles: string | null } | undefined;
  // The profiles' fetch too: a filter on a profile field reads them.
  return state ? `${state.rows}@${state.at}/${state.rules}/${state.profiles}` : 'none';
}
