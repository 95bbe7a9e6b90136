import { useEffect, useRef, useState } from "react";
import type { NotificationDto } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { Link } from "../app/routing";
import { useNotificationEvents, useTaskEvents } from "../live/LiveUpdatesProvider";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { usePaged } from "../ui/usePaged";
import { formatDateTime } from "../tasks/labels";
import { useUnreadCount } from "./UnreadCountProvider";

const pageSize = 20;

/**
 * The person's notifications, newest first: the unread ones or all, each marked read on its own (or by opening its
 * task) or all at once. New ones appear as the hub reports them.
 */
export function NotificationsPage() {
  const { api } = useSession();
  const announce = useAnnounce();
  const unread = useUnreadCount();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const list = usePaged<NotificationDto>(`notifications-${unreadOnly}`, (page, signal) => api.listNotifications({ unread: unreadOnly || undefined, page, pageSize }, signal));

  useNotificationEvents(() => list.reload());
  useTaskEvents((messages) => {
    if (messages.includes("resync")) {
      list.reload();
    }
  });
  // The badge's count also changes through its fallbacks (and other tabs): the list follows it.
  const { reload } = list;
  const seenCount = useRef(unread.count);
  useEffect(() => {
    if (seenCount.current !== unread.count) {
      seenCount.current = unread.count;
      reload();
    }
  }, [unread.count, reload]);

  /**
   * Marks read (`send` answers what to announce), then shows the list and the badge as they now are; focus goes to
   * the line that sums the list up, since the button pressed may be gone.
   */
  const mark = async (send: () => Promise<string>, moveFocus = true) => {
    setError(null);
    try {
      const done = await send();
      list.reload();
      unread.refresh();
      announce(done);
      if (moveFocus) {
        summary.current?.focus();
      }
    } catch (failure) {
      setError(explainProblem(failure));
    }
  };
  const markRead = (notification: NotificationDto, moveFocus = true) =>
    mark(async () => {
      await api.markNotificationRead(notification.id);
      return "Marked as read.";
    }, moveFocus);
  const markAllRead = () =>
    mark(async () => {
      const { marked } = await api.markAllNotificationsRead();
      return marked === 1 ? "1 notification marked as read." : `${marked} notifications marked as read.`;
    });

  const shown = list.items;
  return (
    <section className="narrow">
      <PageHeading title="Notifications">Notifications</PageHeading>
      <div className="button-row">
        <label className="check">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          Unread only
        </label>
        {unread.count ? (
          <button type="button" className="secondary" onClick={() => void markAllRead()}>
            Mark all as read
          </button>
        ) : null}
      </div>
      <InlineError message={error ?? (list.error ? `The notifications could not be loaded: ${explainProblem(list.error)}` : null)} />
      <p ref={summary} className="list-summary" tabIndex={-1} data-testid="notifications-summary">
        {list.loading && shown.length === 0 ? "Loading…" : shown.length === 0 ? (unreadOnly ? "Nothing unread." : "No notifications yet.") : summaryText(shown.length, unreadOnly, list.more !== null)}
      </p>
      <ul className="notifications" data-testid="notifications">
        {shown.map((notification) => (
          <li key={notification.id} className={notification.readAt ? "notification" : "notification notification--unread"}>
            <p className="notification__title">
              {notification.taskId ? (
                // Opening the task is reading the notification.
                <Link to={`/tasks/${notification.taskId}`} onClick={() => void (notification.readAt ? undefined : markRead(notification, false))}>
                  {notification.title}
                </Link>
              ) : (
                notification.title
              )}
            </p>
            {notification.body ? <p className="pre-wrap">{notification.body}</p> : null}
            <p className="hint">
              <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt)}</time>
              {notification.readAt ? " · read" : " · unread"}
            </p>
            {!notification.readAt ? (
              <button type="button" className="link-button" onClick={() => void markRead(notification)}>
                Mark as read<span className="visually-hidden">: {notification.title}</span>
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

function summaryText(count: number, unreadOnly: boolean, more: boolean): string {
  const what = unreadOnly ? "unread notification" : "notification";
  return `${count}${more ? "+" : ""} ${what}${count === 1 && !more ? "" : "s"}, newest first.`;
}
