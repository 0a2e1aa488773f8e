import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../ApiProvider';

export interface Connectivity {
  /** Null until the backend has answered. */
  online: boolean | null;
  /** A call failed because Copernica could not be reached: show the app as offline at once. */
  reportUnreachable: () => void;
}

/**
 * Whether Copernica can be reached, as the backend last saw it. The backend only learns it from
 * requests it makes, so a failed call from the window is taken as news too, until the backend
 * says otherwise.
 */
export function useConnectivity(): Connectivity {
  const api = useApi();
  const [online, setOnline] = useState<boolean | null>(null);

  useEffect(() => {
    let disposed = false;
    let heardEvent = false;
    const unsubscribe = api.onConnectivityChanged(({ online }) => {
      heardEvent = true;
      setOnline(online);
    });
    api.getStatus().then(
      (status) => !disposed && !heardEvent && setOnline(status.online),
      (error: unknown) => console.error('getStatus failed', error),
    );
    return () => {
      disposed = true;
      unsubscribe();
    };
  }, [api]);

  const reportUnreachable = useCallback(() => setOnline(false), []);
  return { online, reportUnreachable };
}
