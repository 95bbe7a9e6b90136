import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EventEnvelope, NotificationDto } from "@taskorchestration/client";
import { useSession } from "../session/SessionProvider";
import { HubConnectionState } from "@microsoft/signalr";
import { connectToHub } from "./hubConnection";

/** What a page hears: an event about a task, or "resync" after the connection was lost (events may be missed). */
export type LiveMessage = EventEnvelope | "resync";
export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

interface LiveUpdates {
  status: LiveStatus;
  subscribe(listener: (message: LiveMessage) => void): () => void;
  subscribeNotifications(listener: (notification: NotificationDto) => void): () => void;
}

const LiveUpdatesContext = createContext<LiveUpdates | null>(null);

/**
 * How long to wait before connecting again, after a failed start or once automatic reconnection (a few tries
 * within about 45 s) has given up: longer after each failure in a row, then every minute for as long as it takes.
 */
const retryDelays = [2_000, 5_000, 10_000, 30_000, 60_000];

/** The hub's client methods (docs/events.md, "Live updates"). */
const taskEventMethod = "taskEvent";
const notificationMethod = "notification";

/**
 * One connection to /hubs/tasks for the signed-in person (docs/events.md, "Live updates"): the server calls
 * `taskEvent` with each event of a task they may see, and `notification` with each notification added to their
 * inbox. Pages subscribe and refetch what they show; after a reconnection they get "resync", since messages sent
 * while disconnected are not replayed.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const { session, status: sessionStatus } = useSession();
  const [status, setStatus] = useState<LiveStatus>("offline");
  const listeners = useRef(new Set<(message: LiveMessage) => void>());
  const notificationListeners = useRef(new Set<(notification: NotificationDto) => void>());
  const subscribe = useCallback((listener: (message: LiveMessage) => void) => subscribeTo(listeners.current, listener), []);
  const subscribeNotifications = useCallback(
    (listener: (notification: NotificationDto) => void) => subscribeTo(notificationListeners.current, listener),
    [],
  );
  const value = useMemo<LiveUpdates>(() => ({ status, subscribe, subscribeNotifications }), [status, subscribe, subscribeNotifications]);

  useEffect(() => {
    if (sessionStatus !== "signedIn") {
      return;
    }
    const publish = (message: LiveMessage) => listeners.current.forEach((listener) => listener(message));
    const connection = connectToHub(session);
    connection.on(taskEventMethod, (event: EventEnvelope) => publish(event));
    connection.on(notificationMethod, (notification: NotificationDto) => notificationListeners.current.forEach((listener) => listener(notification)));
    connection.onreconnecting(() => setStatus("reconnecting"));
    connection.onreconnected(() => {
      setStatus("live");
      publish("resync");
    });

    // Set when the app stops the connection (sign-out, another session, the provider leaving): then nothing retries.
    let stopped = false;
    let failuresInARow = 0;
    // Events published while there was no connection are not replayed: the next connection starts with a resync.
    let missedEvents = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const start = async () => {
      clearTimeout(retryTimer);
      if (stopped || connection.state !== HubConnectionState.Disconnected) {
        return;
      }
      setStatus("connecting");
      try {
        await connection.start();
      } catch {
        if (!stopped) {
          retryLater();
        }
        return;
      }
      failuresInARow = 0;
      setStatus("live");
      if (missedEvents) {
        missedEvents = false;
        publish("resync");
      }
    };
    const retryLater = () => {
      setStatus("offline");
      missedEvents = true;
      const delay = retryDelays[Math.min(failuresInARow++, retryDelays.length - 1)];
      // Spread by ±25 %, so that the tabs a server restart disconnected all at once do not all come back at once.
      retryTimer = setTimeout(() => void start(), delay * (0.75 + Math.random() * 0.5));
    };
    // Closed for good as far as SignalR goes (its automatic reconnection gave up): keep trying on our own.
    connection.onclose(() => {
      if (!stopped) {
        retryLater();
      }
    });
    // Back online, or back in a tab the browser may have throttled: try now rather than at the next retry.
    const retryNow = () => {
      if (document.visibilityState === "visible") {
        void start();
      }
    };
    window.addEventListener("online", retryNow);
    document.addEventListener("visibilitychange", retryNow);
    void start();

    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      window.removeEventListener("online", retryNow);
      document.removeEventListener("visibilitychange", retryNow);
      setStatus("offline");
      void connection.stop();
    };
  }, [session, sessionStatus]);

  return <LiveUpdatesContext.Provider value={value}>{children}</LiveUpdatesContext.Provider>;
}

function subscribeTo<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
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

/** Calls `onNotification` with each notification the hub reports for the signed-in person while the component is shown. */
export function useNotificationEvents(onNotification: (notification: NotificationDto) => void): void {
  const { subscribeNotifications } = useLiveUpdates();
  const latest = useRef(onNotification);
  useEffect(() => {
    latest.current = onNotification;
  });
  useEffect(() => subscribeNotifications((notification) => latest.current(notification)), [subscribeNotifications]);
}

/** Whether any of `messages` may concern the task `taskId` (its own event, or a resync). */
export function concernsTask(messages: LiveMessage[], taskId: string): boolean {
  return messages.some((message) => message === "resync" || message.taskId === taskId);
}
