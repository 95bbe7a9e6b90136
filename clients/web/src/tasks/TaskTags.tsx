import { useEffect, useState, type FormEvent } from "react";
import { ifMatch, type TaskDto } from "@taskorchestration/client";
import { Link } from "../app/routing";
import { useSession } from "../session/SessionProvider";
import { InlineError } from "../ui/InlineError";
import { useTaskCommand } from "./useTaskCommand";

/** The task's tags, and for its creator, managers and admins a field to change them (sent with If-Match). */
export function TaskTags({ task, canEdit, onChanged }: { task: TaskDto; canEdit: boolean; onChanged(task: TaskDto | null): void }) {
  const { api } = useSession();
  const command = useTaskCommand(onChanged);
  const [text, setText] = useState(task.tags.join(", "));
  useEffect(() => setText(task.tags.join(", ")), [task.tags]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const tags = text.split(/[\s,]+/).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
    await command.run(() => api.setTaskTags(task.id, { tags }, ifMatch(task)), "Tags saved.");
  };

  return (
    <section aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      {task.tags.length > 0 ? (
        <ul className="tags">
          {task.tags.map((tag) => (
            <li key={tag}>
              <Link to={`/?tag=${encodeURIComponent(tag)}`}>#{tag}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>No tags.</p>
      )}
      {canEdit && !task.archivedAt ? (
        <form className="inline-form" onSubmit={(event) => void save(event)} noValidate>
          <label htmlFor="task-tags">Change tags</label>
          <p id="task-tags-hint" className="hint">
            Separate with commas; letters, digits and hyphens, up to 20 tags.
          </p>
          <div className="input-with-button">
            <input id="task-tags" value={text} aria-describedby={command.error ? "task-tags-hint tags-error" : "task-tags-hint"} aria-invalid={command.error ? true : undefined} onChange={(event) => setText(event.target.value)} />
            <button type="submit" disabled={command.busy}>
              Save tags
            </button>
          </div>
          <InlineError id="tags-error" message={command.error} />
        </form>
      ) : null}
    </section>
  );
}

