// A small data-fetching hook: fetches when `key` changes, aborts stale requests, keeps the
// previous data while the next loads, and lets screens patch the data locally (live events).
import { useCallback, useEffect, useRef, useState } from 'react';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request for the current key is in flight. */
  isFetching: boolean;
  refetch: () => void;
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  { enabled = true }: { enabled?: boolean } = {},
): QueryState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isFetching, setIsFetching] = useState(enabled);
  const [generation, setGeneration] = useState(0);
  // The latest fetcher, so callers may pass an inline function without refetching each render.
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setIsFetching(true);
    fetcherRef
      .current(controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setDataState(result);
        setError(undefined);
        setIsFetching(false);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setIsFetching(false);
      });
    return () => controller.abort();
  }, [key, generation, enabled]);

  const refetch = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setDataState(update),
    [],
  );
  return { data, error, isFetching, refetch, setData };
}
