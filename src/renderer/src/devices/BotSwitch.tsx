/**
 * "Leave out suspected bots": one switch for the emailing's views over its clicks, on by default
 * (as Braze and HubSpot filter). While it is on it says how many clicks it leaves out, with one
 * click to show them.
 */
import { useApi } from '../ApiProvider';
import { formatCount } from '../format';
import { useQuery } from '../hooks/useQuery';

interface Props {
  emailingKey: number;
  dataVersion: string;
  excludeBots: boolean;
  /**
   * The view on screen counts every click whatever the switch says (the Links and Profiles
   * views read totals kept per link and per profile, which do not know the verdicts yet): it
   * says so rather than let "left out" stand beside counts that include the bots.
   */
  countsEveryClick?: boolean;
  onChange(excludeBots: boolean): void;
}

export function BotSwitch({
  emailingKey,
  dataVersion,
  excludeBots,
  countsEveryClick = false,
  onChange,
}: Props) {
  const api = useApi();
  const leftOut = useQuery(
    ['botsLeftOut', emailingKey, dataVersion],
    async () => (await api.getDevices({ emailingKey, excludeBots: true })).botClicksLeftOut,
    { refetchOnCacheChange: true },
  );
  const count = leftOut.data ?? 0;
  return (
    <div className="bot-switch">
      <label>
        <input type="checkbox" checked={excludeBots} onChange={(event) => onChange(event.target.checked)} />
        Leave out suspected bots
      </label>
      {excludeBots && countsEveryClick && (
        <span className="bot-switch-note" data-testid="bots-counted-here">
          This view counts every click, suspected bots included.
        </span>
      )}
      {excludeBots && !countsEveryClick && count > 0 && (
        <span className="bot-switch-note" data-testid="bots-left-out">
          {formatCount(count)} suspected bot {count === 1 ? 'click' : 'clicks'} left out{' '}
          <button type="button" className="link-button" onClick={() => onChange(false)}>
            Show them
          </button>
        </span>
      )}
    </div>
  );
}
