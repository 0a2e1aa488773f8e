import { useEffect, useState } from 'react';
import type { ApiClient } from '../api';
import type { AppInfo } from '../../../shared/contract';

/**
 * The app's version and cache location, for the header and footer. Loaded once; a failure only
 * leaves them out, since the emailings list reports the problem that matters to the user.
 */
export function useAppInfo(api: ApiClient): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let current = true;
    api.getAppInfo().then(
      (value) => current && setInfo(value),
      (error: unknown) => console.error('getAppInfo failed', error),
    );
    return () => {
      current = false;
    };
  }, [api]);
  return info;
}
