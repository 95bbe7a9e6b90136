import type { ReactNode } from "react";
import { useLiveStatus, type LiveStatus } from "../live/LiveUpdatesProvider";
import { NotificationsNavLink } from "../notifications";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
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
        <Link to="/" className="brand">
          TaskOrchestration
        </Link>
        {status === "signedIn" && me ? (
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/">Tasks</NavLink>
              </li>
              <li>
                <NavLink to="/tasks/new">New task</NavLink>
              </li>
              <li>
                <NotificationsNavLink />
              </li>
              <li>
                <NavLink to="/profile">{me.displayName}</NavLink>
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
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
