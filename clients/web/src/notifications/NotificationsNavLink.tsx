import { NavLink } from "../app/Layout";
import { useUnreadCount } from "./useUnreadCount";

/** "Notifications" in the main menu, with the number of unread ones as a badge. */
export function NotificationsNavLink() {
  const { count } = useUnreadCount();
  return (
    <NavLink to="/notifications">
      Notifications
      {count ? (
        <span className="count-badge" data-testid="unread-badge">
          {count}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </NavLink>
  );
}
