import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { EventEnvelope, NotificationDto } from "@taskorchestration/client";
import { useSession } from "../session/SessionProvider";
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

/** How long to wait before trying to connect again after a failed start (automatic reconnection covers the rest). */
const startRetryDelays = [2_000, 5_000, 10_000, 30_000];

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
