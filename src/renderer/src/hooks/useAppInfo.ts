import type { AppInfo } from '../../../shared/contract';
import { useApi } from '../ApiProvider';
import { useQuery } from './useQuery';

/**
 * The app's version and cache location, for the header and footer. Loaded once; a failure only
 * leaves them out, since the emailings list reports the problem that matters to the user.
 */
export function useAppInfo(): AppInfo | null {
  const api = useApi();
  return useQuery(['appInfo'], () => api.getAppInfo()).data;
}
