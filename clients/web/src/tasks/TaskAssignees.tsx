import type { PersonDto, TaskDto } from "@taskorchestration/client";
import { useNames } from "../session/PeopleProvider";
import { useSession } from "../session/SessionProvider";
import { InlineError } from "../ui/InlineError";
import { PersonPicker } from "../ui/PersonPicker";
import { useTaskCommand } from "./useTaskCommand";

/**
 * Who the task is assigned to (only they may take it). Managers and admins pick people by name and remove them.
 */
export function TaskAssignees({ task, canAssign, onChanged }: { task: TaskDto; canAssign: boolean; onChanged(task: TaskDto | null): void }) {
  const { api } = useSession();
  const nameOf = useNames(task.assigneeIds);
  const command = useTaskCommand(onChanged);

  const add = (person: PersonDto) => void command.run(() => api.addTaskAssignee(task.id, person.id), `Assigned to ${person.displayName}.`);

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
        <div className="inline-form">
          <PersonPicker id="assign-person" label="Assign someone" hint="Type part of their name, then pick them." onPick={add} exclude={task.assigneeIds} clearOnPick errorId={command.error ? "assign-error" : undefined} />
          <InlineError id="assign-error" message={command.error} testId="assign-error" />
        </div>
      ) : null}
    </section>
  );
}
