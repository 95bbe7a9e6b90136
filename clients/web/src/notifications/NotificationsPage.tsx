import { useMemo, useState } from "react";
import { explainProblem } from "../app/problems";
import { Link } from "../app/routing";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { usePaged } from "../ui/usePaged";
import { formatDateTime } from "../tasks/labels";
import { notificationsSource, type NotificationItem } from "./source";

/** The person's notifications, newest first: all or only unread ones, each marked read on its own or all at once. */
export function NotificationsPage() {
  const { api } = useSession();
  const announce = useAnnounce();
  const source = useMemo(() => notificationsSource(api), [api]);
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const list = usePaged<NotificationItem>(`notifications-${unreadOnly}`, (page, signal) =>
    source ? source.list(page, unreadOnly, signal) : Promise.resolve({ items: [], hasMore: false }),
  );

  if (!source) {
    return (
      <section className="narrow">
        <PageHeading title="Notifications">Notifications</PageHeading>
        <p data-testid="notifications-unavailable">Notifications are not available in this version yet.</p>
      </section>
    );
  }

  const attempt = async (send: () => Promise<void>, done: string) => {
    setError(null);
    try {
      await send();
      list.reload();
      announce(done);
    } catch (failure) {
      setError(explainProblem(failure));
    }
  };

  return (
    <section className="narrow">
      <PageHeading title="Notifications">Notifications</PageHeading>
      <div className="button-row">
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          Unread only
        </label>
        <button type="button" className="secondary" onClick={() => void attempt(() => source.markAllRead(), "All notifications are marked as read.")}>
          Mark all as read
        </button>
      </div>
      <InlineError message={error ?? (list.error ? explainProblem(list.error) : null)} />
      {list.items.length === 0 && !list.loading ? <p>{unreadOnly ? "Nothing unread." : "No notifications."}</p> : null}
      <ul className="notifications">
        {list.items.map((item) => (
          <li key={item.id} className={item.read ? "notification" : "notification notification--unread"}>
            <p>
              {item.taskId ? <Link to={`/tasks/${item.taskId}`}>{item.text}</Link> : item.text}
            </p>
            <p className="hint">
              <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              {item.read ? " · read" : null}
            </p>
            {!item.read ? (
              <button type="button" className="link-button" onClick={() => void attempt(() => source.markRead(item.id), "Marked as read.")}>
                Mark as read<span className="visually-hidden">: {item.text}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {list.more ? (
        <button type="button" className="secondary" onClick={list.more}>
          Show more
        </button>
      ) : null}
    </section>
  );
}
