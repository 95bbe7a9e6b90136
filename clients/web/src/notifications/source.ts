import type { TaskOrchestrationClient } from "@taskorchestration/client";

/*
 * PLACEHOLDER — the one file to finish once the notification endpoints are in the generated client.
 *
 * The API gains GET /api/v1/notifications (paged, `unread=true`), POST /api/v1/notifications/{id}/read and
 * POST /api/v1/notifications/read-all on another branch. After merging it, run build/generate-clients.sh, then make
 * `notificationsSource` return an object whose four methods call the generated client (no hand-written fetch) and
 * map its DTO to `NotificationItem`. The badge and the page (NotificationsNavLink, NotificationsPage) need nothing
 * else: until then they say that notifications are not available.
 */

/** A notification as the badge and the page show it (the adapter below maps the API's DTO to it). */
export interface NotificationItem {
  id: string;
  /** What happened, in words ("Ada completed “Write the release notes”"). */
  text: string;
  /** The task it is about, linked from the page; null for one about no task (a daily summary). */
  taskId: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationItem[];
  hasMore: boolean;
  /** How many match (unread ones, when asked for with unreadOnly), when the API counted them. */
  totalCount: number | null;
}

export interface NotificationsSource {
  list(page: number, unreadOnly: boolean, signal?: AbortSignal): Promise<NotificationPage>;
  markRead(id: string): Promise<void>;
  markAllRead(): Promise<void>;
}

/** The notifications of the signed-in person, or null while the API's client has no notification calls. */
export function notificationsSource(api: TaskOrchestrationClient): NotificationsSource | null {
  void api;
  return null;
}
