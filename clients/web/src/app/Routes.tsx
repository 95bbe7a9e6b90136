import { useEffect } from "react";
import { TeamsPage } from "../admin/TeamsPage";
import { UsersPage } from "../admin/UsersPage";
import { RegisterPage } from "../auth/RegisterPage";
import { SignInPage } from "../auth/SignInPage";
import { NotificationsPage } from "../notifications";
import { NotificationSettingsPage } from "../profile/NotificationSettingsPage";
import { PasswordPage } from "../profile/PasswordPage";
import { ProfilePage } from "../profile/ProfilePage";
import { isManager, useSession, type SessionStatus } from "../session/SessionProvider";
import { TaskBoardPage } from "../tasks/TaskBoardPage";
import { TaskFormPage } from "../tasks/TaskFormPage";
import { TaskListPage } from "../tasks/TaskListPage";
import { TaskPage } from "../tasks/TaskPage";
import { PageHeading } from "../ui/PageHeading";
import { Link, matchPath, navigate, useLocation } from "./routing";

/** The pages, by address below /app. Everything but sign-in and registration needs a signed-in person. */
export function Routes() {
  const { status, reload, me } = useSession();
  const { path, query } = useLocation();
  const isPublic = path === "/sign-in" || path === "/register";

  const redirect = redirectFor(status, isPublic, path, query);
  useEffect(() => {
    if (redirect) {
      navigate(redirect, { replace: true });
    }
  }, [redirect]);

  if (status === "loading" || redirect) {
    return <p className="loading">Loading…</p>;
  }
  if (status === "unreachable") {
    return (
      <section>
        <PageHeading title="Cannot reach the server">Cannot reach the server</PageHeading>
        <p>The app could not reach the API. Check your connection, then try again.</p>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
      </section>
    );
  }
  if (isPublic) {
    return path === "/sign-in" ? <SignInPage /> : <RegisterPage />;
  }

  let parameters: Record<string, string> | null;
  if (path === "/") {
    return <TaskListPage />;
  }
  if (path === "/board") {
    return <TaskBoardPage />;
  }
  if (path === "/tasks/new") {
    return <TaskFormPage key="new" />;
  }
  if ((parameters = matchPath("/tasks/:id/edit", path))) {
    return <TaskFormPage key={`edit-${parameters.id}`} taskId={parameters.id} />;
  }
  if ((parameters = matchPath("/tasks/:id", path))) {
    return <TaskPage key={parameters.id} taskId={parameters.id} />;
  }
  if (path === "/profile") {
    return <ProfilePage />;
  }
  if (path === "/profile/password") {
    return <PasswordPage />;
  }
  if (path === "/profile/notifications") {
    return <NotificationSettingsPage />;
  }
  if (path === "/notifications") {
    return <NotificationsPage />;
  }
  // The API decides who may do what; these pages are only offered to those it lets use them.
  if (path === "/admin/users" && me?.role === "admin") {
    return <UsersPage />;
  }
  if (path === "/admin/teams" && me && isManager(me)) {
    return <TeamsPage />;
  }
  return (
    <section>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>
        There is no page at this address. <Link to="/">Go to the task list</Link>.
      </p>
    </section>
  );
}

function redirectFor(status: SessionStatus, isPublic: boolean, path: string, query: URLSearchParams): string | null {
  if (status === "signedOut" && !isPublic) {
    // Signed out on a page that needs a person: sign in, then come back here.
    const back = path + (query.size > 0 ? `?${query}` : "");
    return `/sign-in${back === "/" ? "" : `?next=${encodeURIComponent(back)}`}`;
  }
  if (status === "signedIn" && isPublic) {
    // Signed in on the sign-in page (just now, or from a bookmark): go where sign-in was to lead.
    return safeNext(query.get("next"));
  }
  return null;
}

/** Only a path within the app, never another site (an open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
