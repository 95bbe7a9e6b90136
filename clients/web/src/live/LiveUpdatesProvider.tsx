import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { EventEnvelope, Session } from "@taskorchestration/client";
import { useSession } from "../session/SessionProvider";

/** What a page hears: an event about a task, or "resync" after the connection was lost (events may be missed). */
export type LiveMessage = EventEnvelope | "resync";
export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

interface LiveUpdates {
  status: LiveStatus;
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

const LiveUpdatesContext = createContext<LiveUpdates | null>(null);

/** How long to wait before trying to connect again after a failed start (automatic reconnection covers the rest). */
const startRetryDelays = [2_000, 5_000, 10_000, 30_000];

/**
 * One connection to /hubs/tasks for the signed-in person (docs/events.md, "Live updates"): the server calls
 * `taskEvent` with each event of a task they may see. Pages subscribe and refetch what they show; after a
 * reconnection they get "resync", since events sent while disconnected are not replayed.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const { session, status: sessionStatus } = useSession();
  const [status, setStatus] = useState<LiveStatus>("offline");
  const listeners = useRef(new Set<(message: LiveMessage) => void>());
  const subscribe = useCallback((listener: (message: LiveMessage) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<LiveUpdates>(() => ({ status, subscribe }), [status, subscribe]);

  useEffect(() => {
    if (sessionStatus !== "signedIn") {
      return;
    }
    const publish = (message: LiveMessage) => listeners.current.forEach((listener) => listener(message));
    const connection = connect(session);
    connection.on("taskEvent", (event: EventEnvelope) => publish(event));
    connection.onreconnecting(() => setStatus("reconnecting"));
    connection.onreconnected(() => {
      setStatus("live");
      publish("resync");
    });
    connection.onclose(() => setStatus("offline"));

    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const start = async (attempt: number) => {
      setStatus("connecting");
      try {
        await connection.start();
        setStatus("live");
        if (attempt > 0) {
          publish("resync");
        }
      } catch {
        if (!stopped) {
          setStatus("offline");
          retryTimer = setTimeout(() => void start(attempt + 1), startRetryDelays[Math.min(attempt, startRetryDelays.length - 1)]);
        }
      }
    };
    void start(0);

    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      setStatus("offline");
      void connection.stop();
    };
  }, [session, sessionStatus]);

  return <LiveUpdatesContext.Provider value={value}>{children}</LiveUpdatesContext.Provider>;
}

function connect(session: Session): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(`${window.location.origin}/hubs/tasks`, { accessTokenFactory: () => freshAccessToken(session) })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.None)
    .build();
}

/**
 * The hub is given a token when it connects or reconnects, and nothing refreshes it on a 401 there as the API
 * client does: so an access token about to expire is traded for a new one first.
 */
async function freshAccessToken(session: Session): Promise<string> {
  const token = session.accessToken();
  if (token && !expiresWithin(token, 30)) {
    return token;
  }
  return (await session.refresh()) ?? "";
}

function expiresWithin(jwt: string, seconds: number): boolean {
  try {
    const payload = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return payload.exp === undefined || payload.exp * 1000 - Date.now() < seconds * 1000;
  } catch {
    return true;
  }
}

function useLiveUpdates(): LiveUpdates {
  const live = useContext(LiveUpdatesContext);
  if (!live) {
    throw new Error("Live updates are used outside LiveUpdatesProvider.");
  }
  return live;
}

export function useLiveStatus(): LiveStatus {
  return useLiveUpdates().status;
}

/**
 * Calls `onMessages` with the live messages that arrive while the component is shown. A burst (several events
 * within `settleMs`) comes as one call, so that a page refetches once for it.
 */
export function useTaskEvents(onMessages: (messages: LiveMessage[]) => void, settleMs = 200): void {
  const { subscribe } = useLiveUpdates();
  const latest = useRef(onMessages);
  useEffect(() => {
    latest.current = onMessages;
  });
  useEffect(() => {
    let pending: LiveMessage[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe((message) => {
      pending.push(message);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const messages = pending;
        pending = [];
        latest.current(messages);
      }, settleMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe, settleMs]);
}

/** Whether any of `messages` may concern the task `taskId` (its own event, or a resync). */
export function concernsTask(messages: LiveMessage[], taskId: string): boolean {
  return messages.some((message) => message === "resync" || message.taskId === taskId);
}
