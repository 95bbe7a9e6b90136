import { useEffect, useState } from "react";
import type { UserDto, UserRole } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { useMe, useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { useDebounced } from "../ui/useDebounced";
import { usePaged } from "../ui/usePaged";
import { AdminNav } from "./AdminNav";
import { LoadError } from "../ui/LoadError";

const roles: { value: UserRole; label: string }[] = [
  { value: "member", label: "Member" },
  { value: "manager", label: "Manager" },
  { value: "admin", label: "Admin" },
];

/** Admins: every account, found by name or email; each one's role changed, or the account deactivated or reactivated. */
export function UsersPage() {
  const { api } = useSession();
  const [search, setSearch] = useState("");
  const typed = useDebounced(search.trim(), 300);
  const users = usePaged<UserDto>(`users-${typed}`, (page, signal) => api.listUsers({ search: typed || undefined, page, pageSize: 50 }, signal));

  return (
    <section>
      <PageHeading title="Users">Users</PageHeading>
      <AdminNav />
      <div className="field narrow">
        <label htmlFor="user-search">Find people by name or email</label>
        <input id="user-search" type="search" autoComplete="off" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <LoadError what="The users" error={users.error} />
      {!users.loading && users.items.length === 0 && !users.error ? (
        <p className="empty-state" data-testid="empty-state">
          Nobody’s name or email contains “{typed}”. Check the spelling, or search for part of it.
        </p>
      ) : null}
      {users.items.length > 0 ? (
        <table className="users" data-testid="users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {users.items.map((user) => (
              <UserRow key={user.id} user={user} onChanged={users.reload} />
            ))}
          </tbody>
        </table>
      ) : null}
      {users.more ? (
        <button type="button" className="secondary" onClick={users.more}>
          Show more
        </button>
      ) : null}
    </section>
  );
}

function UserRow({ user, onChanged }: { user: UserDto; onChanged(): void }) {
  const { api } = useSession();
  const me = useMe();
  const announce = useAnnounce();
  const [shown, setShown] = useState(user);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const self = user.id === me.id;
  // The answer of a change shows at once; the list read again afterwards replaces it.
  useEffect(() => setShown(user), [user]);
  const current = shown;

  const change = async (send: () => Promise<UserDto>, done: (changed: UserDto) => string) => {
    setBusy(true);
    setError(null);
    try {
      const changed = await send();
      setShown(changed);
      announce(done(changed));
      onChanged();
    } catch (failure) {
      setError(explainProblem(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-user={user.email} className={current.isActive ? undefined : "users__inactive"}>
      <th scope="row">
        {current.displayName}
        {self ? <span className="hint"> (you)</span> : null}
      </th>
      <td>{current.email}</td>
      <td>
        {self ? (
          roles.find((role) => role.value === current.role)?.label
        ) : (
          <select
            aria-label={`Role of ${current.displayName}`}
            value={current.role}
            disabled={busy}
            onChange={(event) => {
              const role = event.target.value as UserRole;
              void change(() => api.changeUserRole(user.id, { role }), (changed) => `${changed.displayName} is now ${roles.find((option) => option.value === changed.role)?.label.toLowerCase()}.`);
            }}
          >
            {roles.map((role) => (
              <option key={role.value} value={role.value}>
                {role.label}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <span>{current.isActive ? "Active" : "Deactivated"}</span>{" "}
        {self ? null : current.isActive ? (
          <button type="button" className="link-button" disabled={busy} onClick={() => void change(() => api.deactivateUser(user.id), (changed) => `${changed.displayName} is deactivated: they are signed out and cannot sign in.`)}>
            Deactivate<span className="visually-hidden"> {current.displayName}</span>
          </button>
        ) : (
          <button type="button" className="link-button" disabled={busy} onClick={() => void change(() => api.reactivateUser(user.id), (changed) => `${changed.displayName} is active again.`)}>
            Reactivate<span className="visually-hidden"> {current.displayName}</span>
          </button>
        )}
        <InlineError message={error} />
      </td>
    </tr>
  );
}
