import { NavLink } from "../app/NavLink";
import { useMe } from "../session/SessionProvider";

/** The admin section's pages: accounts (admins), teams (managers and admins). */
export function AdminNav() {
  const me = useMe();
  if (me.role !== "admin") {
    return null;
  }
  return (
    <nav className="section-nav" aria-label="Admin">
      <ul>
        <li>
          <NavLink to="/admin/users">Users</NavLink>
        </li>
        <li>
          <NavLink to="/admin/teams">Teams</NavLink>
        </li>
      </ul>
    </nav>
  );
}
