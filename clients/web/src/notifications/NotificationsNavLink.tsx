import { NavLink } from "../app/NavLink";
import { useUnreadCount } from "./UnreadCountProvider";

/** "Notifications" in the main menu, with the number of unread ones as a badge (part of the link's name). */
export function NotificationsNavLink() {
  const { count, many } = useUnreadCount();
  const shown = many ? "10,000+" : count ? String(count) : null;
  return (
    <NavLink to="/notifications">
      Notifications
      {shown ? (
        <span className="count-badge" data-testid="unread-badge">
          <span className="visually-hidden"> (</span>
          {shown}
          <span className="visually-hidden"> unread)</span>
        </span>
      ) : null}
    </NavLink>
  );
}
