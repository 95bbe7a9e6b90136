import { useEffect, useMemo, useState } from "react";
import { useTaskEvents } from "../live/LiveUpdatesProvider";
import { useSession } from "../session/SessionProvider";
import { notificationsSource } from "./source";

/** Notifications are written by the outbox after the event that causes them: look a moment after hearing one. */
const afterEventMs = 1_500;
const everyMs = 60_000;

/** How many notifications are unread (null while unknown or unavailable), kept current while the app is open. */
export function useUnreadCount(): { count: number | null; refresh(): void } {
  const { api } = useSession();
  const source = useMemo(() => notificationsSource(api), [api]);
  const [count, setCount] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!source) {
      return;
    }
    const abort = new AbortController();
    source
      .list(1, true, abort.signal)
      .then((page) => setCount(page.totalCount ?? page.items.length))
      .catch(() => {
        // The badge is a hint: it stays as it was until the next look.
      });
    const timer = setTimeout(() => setGeneration((current) => current + 1), everyMs);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [source, generation]);

  useTaskEvents(() => {
    setTimeout(() => setGeneration((current) => current + 1), afterEventMs);
  });

  return { count, refresh: () => setGeneration((current) => current + 1) };
}
