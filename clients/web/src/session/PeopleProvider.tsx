import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useSession } from "./SessionProvider";

/** The fixed ids of the system actors (docs/events.md, the envelope's `actor`). */
const systemActors: Record<string, string> = {
  "00000000-0000-0000-0000-0000000e0001": "the engine",
  "00000000-0000-0000-0000-0000000e0002": "the scheduler",
};

type NameOf = (userId: string) => string;

const PeopleContext = createContext<NameOf>((userId) => userId);

/**
 * Names for the user ids that tasks, comments and history carry. The API lists users to admins only, so others see
 * "you" for themselves and a short id for everyone else (managers assign by that id, which each person finds on
 * their profile page).
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const { api, me } = useSession();
  const [names, setNames] = useState<Record<string, string>>({});

  useEffect(() => {
    if (me?.role !== "admin") {
      setNames({});
      return;
    }
    const abort = new AbortController();
    api
      .listUsers(undefined, undefined, undefined, 1, 100, undefined, abort.signal)
      .then((users) => setNames(Object.fromEntries(users.items.map((user) => [user.id, user.displayName]))))
      .catch(() => {
        // Names are a nicety: without them people are shown by their short id.
      });
    return () => abort.abort();
  }, [api, me]);

  const nameOf = useCallback<NameOf>(
    (userId) => {
      if (me && userId === me.id) {
        return "you";
      }
      return systemActors[userId] ?? names[userId] ?? `user ${userId.slice(0, 8)}`;
    },
    [me, names],
  );
  return <PeopleContext.Provider value={nameOf}>{children}</PeopleContext.Provider>;
}

export function useNameOf(): NameOf {
  return useContext(PeopleContext);
}
