import { useState } from "react";
import { useLoad } from "./useLoad";

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  /** Loads the next page after the ones shown; null when there is none. */
  more: (() => void) | null;
  /** Reads the pages shown again. */
  reload(): void;
}

/**
 * A list read page by page, oldest first, shown as one list that grows ("Show more"). Reading it again reads the
 * pages shown so far, so nothing the person has already seen disappears.
 */
export function usePaged<T>(key: string, load: (page: number, signal: AbortSignal) => Promise<{ items: T[]; hasMore: boolean }>): Paged<T> {
  const [shown, setShown] = useState({ key, pages: 1 });
  const pages = shown.key === key ? shown.pages : 1;
  const result = useLoad(`${key}|${pages}`, async (signal) => {
    const items: T[] = [];
    let hasMore = false;
    for (let page = 1; page <= pages; page++) {
      const answer = await load(page, signal);
      items.push(...answer.items);
      hasMore = answer.hasMore;
      if (!hasMore) {
        break;
      }
    }
    return { items, hasMore };
  });
  return {
    items: result.data?.items ?? [],
    error: result.error,
    loading: result.loading,
    more: result.data?.hasMore ? () => setShown({ key, pages: pages + 1 }) : null,
    reload: result.reload,
  };
}
