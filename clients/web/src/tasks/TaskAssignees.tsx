import { useState, type FormEvent } from "react";
import type { TaskDto } from "@taskorchestration/client";
import { useNameOf } from "../session/PeopleProvider";
import { useSession } from "../session/SessionProvider";
import { InlineError } from "../ui/InlineError";
import { useTaskCommand } from "./useTaskCommand";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who the task is assigned to (only they may take it). Managers and admins add people by user id (each person
 * finds theirs on their profile page) and remove them.
 */
export function TaskAssignees({ task, canAssign, onChanged }: { task: TaskDto; canAssign: boolean; onChanged(task: TaskDto | null): void }) {
  const { api } = useSession();
  const nameOf = useNameOf();
  const command = useTaskCommand(onChanged);
  const [userId, setUserId] = useState("");

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const id = userId.trim();
    if (!uuid.test(id)) {
      command.fail("That is not a user id: it looks like 0193a4c2-6a00-7d2e-8f11-0b9c3e5a7d21.");
      return;
    }
    if (await command.run(() => api.addTaskAssignee(task.id, id), `Assigned to ${nameOf(id)}.`)) {
      setUserId("");
    }
  };

  const remove = async (id: string) => {
    if (await command.run(() => api.removeTaskAssignee(task.id, id), `${nameOf(id)} is no longer assigned.`)) {
      // The button pressed is gone with the person it removed: the keyboard starts again from the section.
      document.getElementById("assignees-title")?.focus();
    }
  };

  return (
    <section aria-labelledby="assignees-title">
      <h2 id="assignees-title" tabIndex={-1}>
        Assigned to
      </h2>
      {task.assigneeIds.length === 0 ? <p>Nobody: anyone who sees the task may take it.</p> : null}
      <ul className="people" data-testid="assignees">
        {task.assigneeIds.map((id) => (
          <li key={id}>
            <span>{nameOf(id)}</span>
            {canAssign && !task.archivedAt ? (
              <button type="button" className="link-button" disabled={command.busy} onClick={() => void remove(id)}>
                Remove<span className="visually-hidden"> {nameOf(id)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canAssign && !task.archivedAt ? (
        <form className="inline-form" onSubmit={(event) => void add(event)} noValidate>
          <label htmlFor="assignee-id">Assign someone (user id)</label>
          <div className="input-with-button">
            <input id="assignee-id" value={userId} autoComplete="off" spellCheck={false} aria-describedby={command.error ? "assign-error" : undefined} aria-invalid={command.error ? true : undefined} onChange={(event) => setUserId(event.target.value)} />
            <button type="submit" disabled={command.busy || userId.trim() === ""}>
              Assign
            </button>
          </div>
          <InlineError id="assign-error" message={command.error} testId="assign-error" />
        </form>
      ) : null}
    </section>
  );
}
