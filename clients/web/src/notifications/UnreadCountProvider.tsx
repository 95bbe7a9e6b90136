import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useNotificationEvents, useTaskEvents } from "../live/LiveUpdatesProvider";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";

/** The last resort, should the hub be unreachable: a look every minute. */
const everyMs = 60_000;

export interface UnreadCount {
  /** How many notifications are unread; null while unknown, or beyond what the API counts (10,000). */
  count: number | null;
  /** Whether there are more unread ones than the API counts. */
  many: boolean;
  /** Looks again now (after marking some read). */
  refresh(): void;
}

const UnreadCountContext = createContext<UnreadCount>({ count: null, many: false, refresh: () => {} });

/**
 * The number of unread notifications, for the badge in the menu. It is read again when the hub calls
 * `notification` (one was just added for this person; announced too), after a reconnection (notifications may
 * have been missed meanwhile) and every minute.
 */
export function UnreadCountProvider({ children }: { children: ReactNode }) {
  const { api, status } = useSession();
  const announce = useAnnounce();
  const [unread, setUnread] = useState<{ count: number | null; many: boolean }>({ count: null, many: false });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((current) => current + 1), []);

  useEffect(() => {
    if (status !== "signedIn") {
      setUnread({ count: null, many: false });
      return;
    }
    const abort = new AbortController();
    // One item is enough: the count is what the badge needs.
    api
      .listNotifications({ unread: true, page: 1, pageSize: 1, includeTotal: true }, abort.signal)
      .then((page) => setUnread({ count: page.totalCount, many: page.totalCount === null && page.hasMore }))
      .catch(() => {
        // The badge is a hint: it stays as it was until the next look.
      });
    const timer = setTimeout(refresh, everyMs);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [api, status, generation, refresh]);

  useNotificationEvents((notification) => {
    refresh();
    announce(`New notification: ${notification.title}`);
  });
  useTaskEvents((messages) => {
    if (messages.includes("resync")) {
      refresh();
    }
  });

  const value = useMemo<UnreadCount>(() => ({ ...unread, refresh }), [unread, refresh]);
  return <UnreadCountContext.Provider value={value}>{children}</UnreadCountContext.Provider>;
}

export function useUnreadCount(): UnreadCount {
  return useContext(UnreadCountContext);
}
