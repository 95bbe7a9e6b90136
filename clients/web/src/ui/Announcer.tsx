import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * One polite live region for what happened after an asynchronous action ("Task taken", "Comment added"), shown
 * to everyone and read out by screen readers. It exists from the first render, as live regions must.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const announce = useCallback<Announce>((text) => {
    clearTimeout(clearTimer.current);
    // Emptied first, so that the same words said twice are announced twice.
    setMessage("");
    setTimeout(() => setMessage(text), 50);
    clearTimer.current = setTimeout(() => setMessage(""), 8_000);
  }, []);
  useEffect(() => () => clearTimeout(clearTimer.current), []);

  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className={message ? "announcer announcer--shown" : "announcer"} role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
