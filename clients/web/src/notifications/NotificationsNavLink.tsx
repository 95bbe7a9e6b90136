import { NavLink } from "../app/NavLink";
import { useUnreadCount } from "./UnreadCountProvider";

/** "Notifications" in the main menu, with the number of unread ones as a badge, which its name says in words. */
export function NotificationsNavLink() {
  const { count, many } = useUnreadCount();
  const shown = many ? "10,000+" : count ? String(count) : null;
  return (
    <NavLink to="/notifications" label={shown ? `Notifications (${shown} unread)` : undefined}>
      Notifications
      {shown ? (
        <span className="count-badge" data-testid="unread-badge">
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}
