import { NavLink } from "../app/NavLink";

/** The pages of a person's own account: their name, their password, what they are told about. */
export function ProfileNav() {
  return (
    <nav className="section-nav" aria-label="Your account">
      <ul>
        <li>
          <NavLink to="/profile">Profile</NavLink>
        </li>
        <li>
          <NavLink to="/profile/password">Password</NavLink>
        </li>
        <li>
          <NavLink to="/profile/notifications">Notification settings</NavLink>
        </li>
      </ul>
    </nav>
  );
}
