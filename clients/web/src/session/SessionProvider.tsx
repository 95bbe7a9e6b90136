import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Session, problemOf, type SessionTokens, type TaskOrchestrationClient, type UserDto } from "@taskorchestration/client";

/** Where the tokens live between page loads, shared by the app's tabs (see the storage listener below). */
const tokensKey = "taskorchestration.tokens";

export type SessionStatus = "loading" | "signedIn" | "signedOut" | "unreachable";

export interface SessionContextValue {
  session: Session;
  /** The API client of this session: every call carries the access token and survives one expiry. */
  api: TaskOrchestrationClient;
  status: SessionStatus;
  /** The signed-in person, once known. */
  me: UserDto | null;
  signIn(email: string, password: string): Promise<void>;
  register(email: string, password: string, displayName: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads the signed-in person again (after a profile change, or when the server could not be reached). */
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function storedTokens(): SessionTokens | null {
  try {
    const tokens: unknown = JSON.parse(localStorage.getItem(tokensKey) ?? "null");
    return tokens && typeof tokens === "object" && "accessToken" in tokens && "refreshToken" in tokens ? (tokens as SessionTokens) : null;
  } catch {
    return null;
  }
}

function store(tokens: SessionTokens | null): void {
  if (tokens) {
    localStorage.setItem(tokensKey, JSON.stringify(tokens));
  } else {
    localStorage.removeItem(tokensKey);
  }
}

/**
 * The session of the person using the app. The API is on the app's own origin (the API serves the app under /app,
 * and `npm run dev` proxies /api and /hubs), so no base URL is configured.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<UserDto | null>(null);
  const [status, setStatus] = useState<SessionStatus>(() => (storedTokens() ? "loading" : "signedOut"));

  const createSession = useCallback(
    () =>
      new Session(window.location.origin, {
        tokens: storedTokens(),
        onTokensChanged: (tokens) => {
          store(tokens);
          if (!tokens) {
            // Signed out here, or the session ended (its refresh token expired, was revoked or reused).
            setMe(null);
            setStatus("signedOut");
          }
        },
      }),
    [],
  );
  const [session, setSession] = useState(createSession);

  // Refresh tokens are single-use: a tab that refreshed stored the new pair, and another tab still holding the old
  // one would present a used token on its next refresh, which ends the session everywhere. So every tab takes the
  // tokens another tab stored, and signs out when another tab did.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== tokensKey) {
        return;
      }
      setSession(createSession());
      if (!event.newValue) {
        setMe(null);
        setStatus("signedOut");
      } else {
        setStatus((current) => (current === "signedOut" ? "loading" : current));
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [createSession]);

  const reload = useCallback(async () => {
    if (!session.isSignedIn) {
      setStatus("signedOut");
      return;
    }
    try {
      setMe(await session.client.getCurrentUser());
      setStatus("signedIn");
    } catch (error) {
      // A 401 here means even a refresh could not help: the session has ended (onTokensChanged said so).
      setStatus(problemOf(error)?.status === 401 || !session.isSignedIn ? "signedOut" : "unreachable");
    }
  }, [session]);

  useEffect(() => {
    if (status === "loading") {
      void reload();
    }
  }, [status, reload]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await session.signIn(email, password);
      setMe(await session.client.getCurrentUser());
      setStatus("signedIn");
    },
    [session],
  );

  const register = useCallback(
    async (email: string, password: string, displayName: string) => {
      await session.client.registerUser({ email, password, displayName });
      await signIn(email, password);
    },
    [session, signIn],
  );

  const signOut = useCallback(() => session.signOut(), [session]);

  const value = useMemo<SessionContextValue>(
    () => ({ session, api: session.client, status, me, signIn, register, signOut, reload }),
    [session, status, me, signIn, register, signOut, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error("useSession is used outside SessionProvider.");
  }
  return value;
}

/** The signed-in person; only for pages shown to signed-in people. */
export function useMe(): UserDto {
  const { me } = useSession();
  if (!me) {
    throw new Error("useMe is used on a page shown before sign-in.");
  }
  return me;
}

/** Managers and admins assign tasks, and act on anyone's (the API decides; the app only hides what cannot work). */
export function isManager(user: UserDto): boolean {
  return user.role === "manager" || user.role === "admin";
}
