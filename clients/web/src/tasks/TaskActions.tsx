import { useEffect, useRef, useState, type FormEvent } from "react";
import type { TaskDto, TaskTrigger } from "@taskorchestration/client";
import { useSession } from "../session/SessionProvider";
import { InlineError } from "../ui/InlineError";
import { actionDone, actionLabels } from "./labels";
import { reasons, sendAction } from "./sendAction";
import { useTaskCommand } from "./useTaskCommand";

/**
 * The lifecycle actions the API allows this person on this task now (`allowedActions`), and nothing else. Each is
 * sent with If-Match, the version shown: if someone acted first, the API refuses (409/412), the task is read again
 * and the person is told.
 */
export function TaskActions({ task, onChanged, onDone }: { task: TaskDto; onChanged(task: TaskDto | null): void; onDone(): void }) {
  const { api } = useSession();
  const command = useTaskCommand(onChanged);
  const [asking, setAsking] = useState<TaskTrigger | null>(null);
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const actions = task.allowedActions.filter((action) => actionLabels[action] !== undefined);

  // A new version of the task may no longer allow the action being asked about.
  useEffect(() => {
    if (asking && !task.allowedActions.includes(asking)) {
      setAsking(null);
    }
  }, [task, asking]);
  useEffect(() => {
    if (asking) {
      input.current?.focus();
    }
  }, [asking]);

  const act = async (action: TaskTrigger) => {
    if (await command.run(() => sendAction(api, task, action, text.trim()), actionDone[action] ?? "Done.")) {
      setAsking(null);
      setText("");
      onDone();
    }
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (asking) {
      void act(asking);
    }
  };

  const reason = asking ? reasons[asking] : undefined;
  return (
    <section className="actions" aria-labelledby="actions-title" data-testid="task-actions">
      <h2 id="actions-title">Actions</h2>
      {actions.length === 0 ? <p>No action is open to you on this task now.</p> : null}
      <div className="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            data-action={action}
            className={action === "cancel" || action === "fail" ? "secondary" : undefined}
            aria-expanded={reasons[action] ? asking === action : undefined}
            disabled={command.busy}
            onClick={() => {
              command.clearError();
              if (reasons[action]) {
                setAsking(asking === action ? null : action);
              } else {
                void act(action);
              }
            }}
          >
            {actionLabels[action]}
            {reasons[action] ? "…" : ""}
          </button>
        ))}
      </div>
      {asking && reason ? (
        <form className="reason-form" onSubmit={confirm} noValidate>
          <label htmlFor="action-text">{reason.label}</label>
          <textarea id="action-text" ref={input} rows={2} value={text} aria-required={reason.required || undefined} aria-describedby={command.error ? "action-error" : undefined} onChange={(event) => setText(event.target.value)} />
          <div className="button-row">
            <button type="submit" disabled={command.busy}>
              {reason.confirm}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              Never mind
            </button>
          </div>
        </form>
      ) : null}
      <InlineError id="action-error" message={command.error} testId="action-error" />
    </section>
  );
}
