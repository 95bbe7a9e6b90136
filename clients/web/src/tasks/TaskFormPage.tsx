import { useState, type FormEvent } from "react";
import { ifMatch, type TaskDto, type TaskPriority, type TeamDto } from "@taskorchestration/client";
import { formProblem, type FormProblem } from "../app/problems";
import { Link, navigate } from "../app/routing";
import { useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, SelectField } from "../ui/Field";
import { PageHeading } from "../ui/PageHeading";
import { summaryOf } from "../ui/summary";
import { useLoad } from "../ui/useLoad";
import { newIdempotencyKey } from "./idempotency";
import { fromLocalInput, priorities, priorityLabels, toLocalInput } from "./labels";
import { LoadError } from "../ui/LoadError";

const labels = { title: "Title", description: "Description", priority: "Priority", dueDate: "Due", teamId: "Team" };

interface Draft {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string;
  teamId: string;
  draft: boolean;
}

const empty: Draft = { title: "", description: "", priority: "normal", dueDate: "", teamId: "", draft: false };

function draftOf(task: TaskDto): Draft {
  return {
    title: task.title,
    description: task.description ?? "",
    priority: task.priority,
    dueDate: toLocalInput(task.dueDate),
    teamId: task.teamId ?? "",
    draft: task.status === "draft",
  };
}

/**
 * Creates a task, or edits one (`taskId`). The API checks every field; its messages are shown next to the fields
 * they name (fieldErrors) and listed above the form, which takes focus. An edit is sent with If-Match: when the
 * task changed meanwhile the API answers 412, and the person may start again from the latest version.
 */
export function TaskFormPage({ taskId }: { taskId?: string }) {
  const { api } = useSession();
  const announce = useAnnounce();
  const editing = taskId !== undefined;
  const [form, setForm] = useState<Draft>(empty);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per version of the form (newIdempotencyKey says why).
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const original = useLoad<TaskDto | null>(taskId ?? "new", (signal) => (taskId ? api.getTask(taskId, signal) : Promise.resolve(null)));
  const teams = useLoad<TeamDto[]>("teams", (signal) => (editing ? Promise.resolve([]) : api.listTeams(signal)));
  // The form is drafted from each version of the task read, during the render that first has it (React's pattern
  // for state derived from a previous render): an effect would show one render of an empty form first.
  const [draftedFrom, setDraftedFrom] = useState<TaskDto | null>(null);
  if (original.data && original.data !== draftedFrom) {
    setDraftedFrom(original.data);
    setForm(draftOf(original.data));
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const task = original.data ? await save(original.data) : await create();
      announce(editing ? "Changes saved." : "Task created.");
      navigate(`/tasks/${task.id}`);
    } catch (error) {
      setProblem(formProblem(error));
      setBusy(false);
    }
  };

  const create = () =>
    api.createTask(
      {
        title: form.title,
        description: form.description || null,
        priority: form.priority,
        dueDate: fromLocalInput(form.dueDate),
        teamId: form.teamId || null,
        draft: form.draft,
      },
      idempotencyKey,
    );

  const save = (task: TaskDto) => {
    const dueDate = fromLocalInput(form.dueDate);
    return api.updateTask(
      task.id,
      {
        title: form.title,
        description: form.description,
        priority: form.priority,
        dueDate: dueDate ?? undefined,
        clearDueDate: dueDate === null && task.dueDate !== null ? true : undefined,
      },
      ifMatch(task),
    );
  };

  if (editing && original.error) {
    return (
      <section>
        <PageHeading title="Edit task">Edit task</PageHeading>
        <LoadError what="The task" error={original.error} />
        <Link to="/">Back to the tasks</Link>
      </section>
    );
  }
  if (editing && !original.data) {
    return <p className="loading">Loading the task…</p>;
  }

  const startAgain = () => {
    setProblem(null);
    original.reload();
    announce("The latest version is loaded.");
  };
  const title = editing ? "Edit task" : "New task";
  const set = (change: Partial<Draft>) => {
    setForm({ ...form, ...change });
    setIdempotencyKey(newIdempotencyKey());
  };
  return (
    <section className="narrow">
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorSummary title={editing ? "The changes were not saved" : "The task was not created"} items={summaryOf(problem, labels)} />
      {problem?.stale && editing ? (
        <p>
          <button type="button" className="secondary" onClick={startAgain}>
            Start again from the latest version
          </button>
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="title" label={labels.title} value={form.title} onChange={(value) => set({ title: value })} errors={problem?.fields.title} required />
        <Field id="description" label={labels.description} multiline value={form.description} onChange={(value) => set({ description: value })} errors={problem?.fields.description} />
        <SelectField
          id="priority"
          label={labels.priority}
          value={form.priority}
          options={priorities.map((priority) => ({ value: priority, label: priorityLabels[priority] }))}
          onChange={(value) => set({ priority: value as TaskPriority })}
          errors={problem?.fields.priority}
        />
        <Field id="dueDate" label={labels.dueDate} type="datetime-local" value={form.dueDate} onChange={(value) => set({ dueDate: value })} errors={problem?.fields.dueDate} hint="Optional; in your time zone." />
        {editing ? null : (
          <>
            <SelectField
              id="teamId"
              label={labels.teamId}
              value={form.teamId}
              options={[{ value: "", label: "No team: everyone sees it" }, ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))]}
              onChange={(value) => set({ teamId: value })}
              errors={problem?.fields.teamId}
            />
            <div className="field">
              <label className="check">
                <input type="checkbox" name="draft" checked={form.draft} onChange={(event) => set({ draft: event.target.checked })} />
                Save as a draft (publish it later)
              </label>
            </div>
          </>
        )}
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : editing ? "Save changes" : "Create task"}
          </button>
          <Link to={taskId ? `/tasks/${taskId}` : "/"} className="button secondary">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
