import { useEffect, useRef, useState, type FormEvent } from "react";
import type { TaskPriority } from "@taskorchestration/client";
import { formProblem, type FormProblem } from "../app/problems";
import { useShortcuts } from "../app/shortcuts";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { newIdempotencyKey } from "./idempotency";
import { priorities, priorityLabels } from "./labels";

/**
 * A task in a few keystrokes, from any page: `c` opens a small dialog, Enter creates the task (pending, no team), and
 * the person stays where they were (the list shows the new task as it hears of it). The full form is one link away.
 */
export function QuickCreate() {
  const { api } = useSession();
  const announce = useAnnounce();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [priority, setPriority] = useState<TaskPriority>("normal");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const returnFocus = useRef<HTMLElement | null>(null);

  useShortcuts({ c: () => setOpen(true) });

  useEffect(() => {
    const element = dialog.current;
    if (!element) {
      return;
    }
    if (open && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const reset = () => {
    setTitle("");
    setPriority("normal");
    setProblem(null);
    setIdempotencyKey(newIdempotencyKey());
  };
  // Closed by Escape, "Never mind" or a creation: the keyboard goes back where it was.
  const onClose = () => {
    setOpen(false);
    reset();
    returnFocus.current?.focus();
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const task = await api.createTask({ title, priority }, idempotencyKey);
      dialog.current?.close();
      announce(`Task “${task.title}” created.`);
    } catch (error) {
      setProblem(formProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const titleError = problem ? (problem.fields.title ?? []).join(" ") || problem.message : null;
  return (
    <dialog ref={dialog} className="quick-create" aria-labelledby="quick-create-title" onClose={onClose} data-testid="quick-create">
      {open ? (
        <form method="dialog" onSubmit={(event) => void create(event)} noValidate>
          <h2 id="quick-create-title">New task</h2>
          <div className="field">
            <label htmlFor="quick-title">Title</label>
            <input
              id="quick-title"
              autoFocus
              autoComplete="off"
              value={title}
              aria-required="true"
              aria-invalid={titleError ? true : undefined}
              aria-describedby={titleError ? "quick-title-error" : "quick-title-hint"}
              onChange={(event) => {
                setTitle(event.target.value);
                setIdempotencyKey(newIdempotencyKey());
              }}
            />
            {titleError ? (
              <p id="quick-title-error" className="field-error" role="alert">
                {titleError}
              </p>
            ) : (
              <p id="quick-title-hint" className="hint">
                Enter creates it; Escape closes.
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="quick-priority">Priority</label>
            <select id="quick-priority" value={priority} onChange={(event) => setPriority(event.target.value as TaskPriority)}>
              {priorities.map((value) => (
                <option key={value} value={value}>
                  {priorityLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" disabled={busy}>
              Create task
            </button>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Never mind
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
