/**
 * One value loaded through the bridge for the current `key`: while a new key loads, `value` is
 * null and `previous` still holds the last answer (so a view can keep it on screen); a failure
 * is a message for the user, and `retry` asks again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

interface Answer<T> {
  key: string;
  value: T | null;
  error: string | null;
}

export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  const fullKey = `${key}#${attempt}`;

  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (value) => live && setAnswer({ key: fullKey, value, error: null }),
      (error: unknown) =>
        live &&
        setAnswer({
          key: fullKey,
          value: null,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, [fullKey]);

  const current = answer?.key === fullKey ? answer : null;
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return {
    value: current?.value ?? null,
    error: current?.error ?? null,
    previous: answer?.value ?? null,
    retry,
  };
}
