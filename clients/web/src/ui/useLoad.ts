import { useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the new answer comes (live updates, after an action). */
  reload(): void;
  /** Replaces what is shown by an answer already in hand (the task an action returned), or by what `update` makes of it. */
  set(data: T | ((current: T | null) => T)): void;
}

/**
 * Loads what a page shows, again whenever `key` changes; an answer that comes after a newer request was made is
 * dropped (the request is aborted), so a slow old page never replaces a newer one.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    latestLoad.current(abort.signal).then(
      (answer) => {
        if (abort.signal.aborted) {
          return;
        }
        setData(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) {
          setError(failure);
          setLoading(false);
        }
      },
    );
    return () => abort.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((current) => current + 1), []);
  const set = useCallback((answer: T | ((current: T | null) => T)) => {
    // A function is told what is shown when it runs, not when the change was sent (a load may have ended meanwhile).
    setData((current) => (typeof answer === "function" ? (answer as (current: T | null) => T)(current) : answer));
    setError(null);
  }, []);
  return { data, error, loading, reload, set };
}
