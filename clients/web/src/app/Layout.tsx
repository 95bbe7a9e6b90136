import type { ReactNode } from "react";
import { useLiveStatus, type LiveStatus } from "../live/LiveUpdatesProvider";
import { NotificationsNavLink } from "../notifications";
import { isManager, useSession } from "../session/SessionProvider";
import { QuickCreate } from "../tasks/QuickCreate";
import { Announcements, useAnnounce } from "../ui/Announcer";
import { NavLink } from "./NavLink";
import { Link, navigate } from "./routing";

const liveLabels: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  // Between tries to connect again (LiveUpdatesProvider keeps trying): other people's changes show once it is back.
  offline: "Offline: trying again soon",
};

export function Layout({ children }: { children: ReactNode }) {
  const { status, me, signOut } = useSession();
  const announce = useAnnounce();
  const live = useLiveStatus();

  const onSignOut = async () => {
    await signOut();
    navigate("/sign-in");
    announce("You are signed out.");
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <div className="top-bar__row">
          <Link to="/" className="brand">
            TaskOrchestration
          </Link>
          {status === "signedIn" && me ? (
            <nav aria-label="Main">
              <ul>
                <li>
                  <NavLink to="/" also={["/board"]}>
                    Tasks
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/tasks/new">New task</NavLink>
                </li>
                <li>
                  <NotificationsNavLink />
                </li>
                {isManager(me) ? (
                  <li>
                    {/* Managers staff teams; admins also manage accounts. */}
                    <NavLink to={me.role === "admin" ? "/admin/users" : "/admin/teams"} also={["/admin/users", "/admin/teams"]}>
                      {me.role === "admin" ? "Admin" : "Teams"}
                    </NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/profile" also={["/profile/password", "/profile/notifications"]} label={`${me.displayName}: profile and settings`}>
                    {me.displayName}
                  </NavLink>
                </li>
                <li>
                  <button type="button" className="link-button" onClick={() => void onSignOut()}>
                    Sign out
                  </button>
                </li>
              </ul>
              <p className={`live-status live-status--${live}`} data-testid="live-status">
                {liveLabels[live]}
              </p>
            </nav>
          ) : null}
        </div>
        <Announcements />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {status === "signedIn" && me ? <QuickCreate /> : null}
    </>
  );
}
