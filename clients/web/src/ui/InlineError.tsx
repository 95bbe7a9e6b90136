import { useEffect, useRef } from "react";

/** An error next to the control that caused it; it takes focus when it appears, so it is heard at once. */
export function InlineError({ id, message, testId }: { id?: string; message: string | null; testId?: string }) {
  const paragraph = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) {
      paragraph.current?.focus();
    }
  }, [message]);
  if (!message) {
    return null;
  }
  return (
    <p ref={paragraph} id={id} className="error-text" role="alert" tabIndex={-1} data-testid={testId}>
      {message}
    </p>
  );
}
