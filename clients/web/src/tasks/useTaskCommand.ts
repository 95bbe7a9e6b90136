import { useCallback, useState } from "react";
import type { TaskDto } from "@taskorchestration/client";
import { explainProblem, isStale } from "../app/problems";
import { useAnnounce } from "../ui/Announcer";

export interface TaskCommand {
  /** Sends a change; on success shows the task it returned (or reads it again) and announces `done`. */
  run(send: () => Promise<TaskDto | void>, done: string): Promise<boolean>;
  busy: boolean;
  /** What went wrong with the last change, explained; null after a success. */
  error: string | null;
  clearError(): void;
  /** Shows a problem found before sending anything. */
  fail(message: string): void;
}

/**
 * One way for every part of the task page to change the task: changes go with If-Match (the caller passes
 * ifMatch(task)); a 409 or 412 means the page showed an old version, so the task is read again and the person is
 * told why nothing happened.
 */
export function useTaskCommand(onChanged: (task: TaskDto | null) => void): TaskCommand {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (send: () => Promise<TaskDto | void>, done: string) => {
      setBusy(true);
      setError(null);
      try {
        const task = await send();
        onChanged(task ?? null);
        announce(done);
        return true;
      } catch (failure) {
        setError(explainProblem(failure));
        if (isStale(failure)) {
          onChanged(null);
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [announce, onChanged],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError, fail: setError };
}
