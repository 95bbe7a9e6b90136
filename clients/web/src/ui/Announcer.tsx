import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => {});
const MessageContext = createContext("");

/**
 * What happened after an asynchronous action ("Task taken", "Comment added"): said once, then cleared after a while.
 * <Announcements /> shows it, in one polite live region that screen readers read out.
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
      <MessageContext.Provider value={message}>{children}</MessageContext.Provider>
    </AnnouncerContext.Provider>
  );
}

/**
 * The live region, in the top bar's own space: it never covers a control, since it is in the page's flow, not over
 * it (what an action changed shows where it was done, too: a card in its new column, an error beside its control).
 * It exists from the first render, as live regions must.
 */
export function Announcements() {
  const message = useContext(MessageContext);
  return (
    <div className={message ? "announcer announcer--shown" : "announcer"} role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message}
    </div>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
