import { useEffect, useRef } from "react";

/** Input types where a letter is text being typed, not a command. */
const textInputTypes = new Set(["text", "search", "email", "password", "number", "url", "tel", "date", "datetime-local", "time", "month", "week"]);

/** Whether a key pressed in `target` is typing (an input, a text area, a list being picked from), never a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    return textInputTypes.has(target.type);
  }
  return target.closest('[role="combobox"], [role="listbox"], [role="menu"]') !== null;
}

/**
 * Single-key shortcuts ("c", "j", "/") while the component is shown. They never fire while the person types (in an
 * input, a text area, a picker), with a modifier held (the browser's own shortcuts), or behind an open dialog.
 */
export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
        return;
      }
      if (document.querySelector("dialog[open]")) {
        return;
      }
      const handler = latest.current[event.key];
      if (handler) {
        event.preventDefault();
        handler(event);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
