import { useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the new answer comes (live updates, after an action). */
  reload(): void;
  /** Replaces what is shown by an answer already in hand (the task an action returned). */
  set(data: T): void;
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
  const set = useCallback((answer: T) => {
    setData(answer);
    setError(null);
  }, []);
  return { data, error, loading, reload, set };
}
