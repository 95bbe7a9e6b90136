import { useCallback, useRef } from "react";
import { ifMatch, problemOf, type CommentDto, type EventEnvelope, type TaskDto, type TaskHistoryEntryDto } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { Link, navigate } from "../app/routing";
import { concernsTask, useTaskEvents } from "../live/LiveUpdatesProvider";
import { useNames } from "../session/PeopleProvider";
import { isManager, useMe, useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { useLoad } from "../ui/useLoad";
import { usePaged } from "../ui/usePaged";
import { formatDateTime, priorityLabels, statusLabels } from "./labels";
import { TaskActions } from "./TaskActions";
import { TaskAssignees } from "./TaskAssignees";
import { TaskComments } from "./TaskComments";
import { TaskHistory } from "./TaskHistory";
import { TaskTags } from "./TaskTags";
import { useTaskCommand } from "./useTaskCommand";

const listPageSize = 50;

/**
 * One task: its details, the actions open to the person, tags, assignees, comments and history. Other people's
 * changes arrive live (taskEvent) and the page reads the task again, so what is shown, and the version the next
 * change is sent with, stay current.
 */
export function TaskPage({ taskId }: { taskId: string }) {
  const { api } = useSession();
  const me = useMe();
  const announce = useAnnounce();
  const status = useRef<HTMLParagraphElement>(null);

  const task = useLoad<TaskDto>(taskId, (signal) => api.getTask(taskId, signal));
  const nameOf = useNames(task.data ? [task.data.createdBy, ...(task.data.ownerId ? [task.data.ownerId] : [])] : []);
  const comments = usePaged<CommentDto>(`comments-${taskId}`, (page, signal) => api.listComments(taskId, { page, pageSize: listPageSize }, signal));
  const history = usePaged<TaskHistoryEntryDto>(`history-${taskId}`, (page, signal) => api.getTaskHistory(taskId, { page, pageSize: listPageSize }, signal));

  const { set: showTask, reload: reloadTask } = task;
  const reloadHistory = history.reload;
  const changed = useCallback(
    (updated: TaskDto | null) => {
      if (updated) {
        showTask(updated);
      } else {
        reloadTask();
      }
      reloadHistory();
    },
    [showTask, reloadTask, reloadHistory],
  );

  useTaskEvents((messages) => {
    if (!concernsTask(messages, taskId)) {
      return;
    }
    task.reload();
    history.reload();
    if (messages.some((message) => message === "resync" || (message.taskId === taskId && message.type === "taskCommented"))) {
      comments.reload();
    }
    const byOthers = messages.filter((message): message is EventEnvelope => message !== "resync" && message.taskId === taskId && message.actor.id !== me.id);
    if (byOthers.length > 0) {
      const who = nameOf(byOthers[byOthers.length - 1].actor.id);
      announce(who === "…" ? "This task was just changed by someone else." : `This task was just changed by ${who}.`);
    }
  });

  const archive = useTaskCommand(changed);

  if (task.error && !task.data) {
    const missing = problemOf(task.error)?.status === 404;
    return (
      <section>
        <PageHeading title={missing ? "Task not found" : "Task"}>{missing ? "Task not found" : "Task"}</PageHeading>
        <p className="error-text" role="alert">
          {missing ? "This task does not exist, or you may not see it." : `The task could not be loaded: ${explainProblem(task.error)}`}
        </p>
        <Link to="/">Back to the tasks</Link>
      </section>
    );
  }
  if (!task.data) {
    return <p className="loading">Loading the task…</p>;
  }

  const current = task.data;
  const canManage = current.createdBy === me.id || isManager(me);
  const focusStatus = () => status.current?.focus();

  return (
    <article className="task">
      <p className="breadcrumb">
        <Link to="/">← Tasks</Link>
      </p>
      <PageHeading title={current.title}>{current.title}</PageHeading>
      <p ref={status} className="task__status" tabIndex={-1} data-testid="task-status">
        <span className={`badge badge--${current.status}`}>{statusLabels[current.status]}</span>{" "}
        <span className={`badge badge--priority-${current.priority}`}>{priorityLabels[current.priority]} priority</span>
        {current.archivedAt ? <span className="badge badge--archived">Archived</span> : null}
      </p>

      <dl className="details">
        {current.description ? (
          <>
            <dt>Description</dt>
            <dd className="pre-wrap">{current.description}</dd>
          </>
        ) : null}
        <dt>Due</dt>
        <dd>{formatDateTime(current.dueDate)}</dd>
        <dt>Taken by</dt>
        <dd data-testid="task-owner">{current.ownerId ? nameOf(current.ownerId) : "Nobody"}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(current.createdAt)} by {nameOf(current.createdBy)}
        </dd>
        {current.result ? (
          <>
            <dt>Result</dt>
            <dd className="pre-wrap">{current.result}</dd>
          </>
        ) : null}
        {current.failureReason ? (
          <>
            <dt>Why it failed</dt>
            <dd className="pre-wrap">{current.failureReason}</dd>
          </>
        ) : null}
        {current.kind !== "manual" ? (
          <>
            <dt>Run by</dt>
            <dd>
              the engine ({current.kind}), attempt {current.attemptCount} of {current.maxAttempts}
            </dd>
          </>
        ) : null}
      </dl>

      {canManage ? (
        <div className="button-row">
          {!current.archivedAt ? (
            <>
              <Link to={`/tasks/${current.id}/edit`} className="button secondary">
                Edit task
              </Link>
              <button type="button" className="secondary" disabled={archive.busy} onClick={() => void archive.run(() => api.archiveTask(current.id, ifMatch(current)), "Task archived.").then((done) => done && navigate("/"))}>
                Archive
              </button>
            </>
          ) : (
            <button type="button" className="secondary" disabled={archive.busy} onClick={() => void archive.run(() => api.unarchiveTask(current.id, ifMatch(current)), "Task restored.")}>
              Restore from the archive
            </button>
          )}
        </div>
      ) : null}
      <InlineError message={archive.error} />

      <TaskActions task={current} onChanged={changed} onDone={focusStatus} />
      <div className="task__columns">
        <div>
          <TaskTags task={current} canEdit={canManage} onChanged={changed} />
          <TaskAssignees task={current} canAssign={isManager(me)} onChanged={changed} />
        </div>
        <div>
          <TaskComments task={current} comments={comments.items} onMore={comments.more} onChanged={() => { comments.reload(); history.reload(); }} />
        </div>
      </div>
      <TaskHistory entries={history.items} onMore={history.more} />
    </article>
  );
}
