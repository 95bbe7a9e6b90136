import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { PersonDto } from "@taskorchestration/client";
import { useSession } from "./SessionProvider";

/** The fixed ids of the system actors (docs/events.md, the envelope's `actor`). */
const systemActors: Record<string, string> = {
  "00000000-0000-0000-0000-0000000e0001": "the engine",
  "00000000-0000-0000-0000-0000000e0002": "the scheduler",
};

/** What the app says for someone the API does not name to this person (not in a team with them). */
export const outsider = "someone outside your teams";
/** The most ids the API names in one request (GET /api/v1/people?ids=…). */
const idsPerRequest = 100;

type NameOf = (userId: string) => string;

interface People {
  /** The name of a user id already asked for: "you", a display name, "someone outside your teams", or "…" while asked. */
  nameOf: NameOf;
  /** Asks the API for the names of these ids, once each (batched with the other screens' asks of the same moment). */
  want(ids: readonly string[]): void;
  /** People whose display name contains `search`, for a picker: active ones, by name. */
  search(search: string, signal: AbortSignal): Promise<PersonDto[]>;
}

const PeopleContext = createContext<People | null>(null);

/**
 * The people directory of the signed-in person (GET /api/v1/people): names for the user ids that tasks, comments
 * and history carry, and the list people are picked from. Managers and admins may name everyone, members themselves
 * and their team-mates; whoever the API does not name is shown as "someone outside your teams", never by id.
 * Names are asked for in batches (every id a screen shows, at once) and kept for the session.
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const { api, me } = useSession();
  // A name per id: a display name, null when the API did not name the id, absent until asked.
  const [names, setNames] = useState<Record<string, string | null>>({});
  const asked = useRef(new Set<string>());
  const queued = useRef(new Set<string>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const meId = me?.id;

  // Another person signed in (or out): what the last one could name says nothing about this one.
  useEffect(() => {
    asked.current = new Set();
    queued.current = new Set();
    setNames({});
  }, [meId]);

  const flush = useCallback(() => {
    const ids = [...queued.current];
    queued.current = new Set();
    for (let start = 0; start < ids.length; start += idsPerRequest) {
      const batch = ids.slice(start, start + idsPerRequest);
      api.listPeople({ ids: batch, page: 1, pageSize: idsPerRequest }).then(
        (page) => {
          const found = new Map(page.items.map((person) => [person.id, person.displayName]));
          setNames((current) => ({ ...current, ...Object.fromEntries(batch.map((id) => [id, found.get(id) ?? null])) }));
        },
        () => {
          // Asked again the next time a screen wants them (a lost connection should not leave "…" for good).
          batch.forEach((id) => asked.current.delete(id));
        },
      );
    }
  }, [api]);

  const want = useCallback(
    (ids: readonly string[]) => {
      let added = false;
      for (const id of ids) {
        if (id && id !== meId && !systemActors[id] && !asked.current.has(id)) {
          asked.current.add(id);
          queued.current.add(id);
          added = true;
        }
      }
      if (added) {
        clearTimeout(flushTimer.current);
        // The screens of one render ask within the same moment: one request for them all.
        flushTimer.current = setTimeout(flush, 0);
      }
    },
    [meId, flush],
  );
  useEffect(() => () => clearTimeout(flushTimer.current), []);

  const nameOf = useCallback<NameOf>(
    (userId) => {
      if (userId === meId) {
        return "you";
      }
      const name = systemActors[userId] ?? names[userId];
      return name === undefined ? "…" : name === null ? outsider : name;
    },
    [meId, names],
  );

  const search = useCallback(
    async (text: string, signal: AbortSignal) => {
      const page = await api.listPeople({ search: text.trim() || undefined, page: 1, pageSize: 20 }, signal);
      // Someone who reads the list now learns their names: no need to ask for them again.
      setNames((current) => ({ ...current, ...Object.fromEntries(page.items.map((person) => [person.id, person.displayName])) }));
      page.items.forEach((person) => asked.current.add(person.id));
      return page.items.filter((person) => person.isActive);
    },
    [api],
  );

  const value = useMemo<People>(() => ({ nameOf, want, search }), [nameOf, want, search]);
  return <PeopleContext.Provider value={value}>{children}</PeopleContext.Provider>;
}

function usePeople(): People {
  const people = useContext(PeopleContext);
  if (!people) {
    throw new Error("People are used outside PeopleProvider.");
  }
  return people;
}

/**
 * Names for the ids a screen shows: asks the directory for those it does not know yet (after the render), and
 * answers each id's name as known so far (the screen renders again when the names come).
 */
export function useNames(ids: readonly string[]): NameOf {
  const { nameOf, want } = usePeople();
  const key = [...new Set(ids)].sort().join(",");
  useEffect(() => {
    if (key) {
      want(key.split(","));
    }
  }, [key, want]);
  return nameOf;
}

/** The names known so far, for a name that is already on the screen (an announcement about a person shown). */
export function useNameOf(): NameOf {
  return usePeople().nameOf;
}

/** The search behind a person picker. */
export function usePeopleSearch(): People["search"] {
  return usePeople().search;
}
