import { useEffect, useRef, useState, type DragEvent } from "react";
import type { PagedListOfTaskDto, TagUsage, TaskDto, TaskItemStatus, TaskTrigger } from "@taskorchestration/client";
import { explainCode, explainProblem, isStale } from "../app/problems";
import { Link } from "../app/routing";
import { useShortcuts } from "../app/shortcuts";
import { useTaskEvents } from "../live/LiveUpdatesProvider";
import { useNames } from "../session/PeopleProvider";
import { useMe, useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { PageHeading } from "../ui/PageHeading";
import { useLoad } from "../ui/useLoad";
import { noStepExplained, openMoves, stepTo } from "./boardMoves";
import { MoveMenu } from "./MoveMenu";
import { ReasonDialog } from "./ReasonDialog";
import { priorityLabels, statuses, statusLabels } from "./labels";
import { activeFilterCount, fetchTasks, queryOf } from "./listQuery";
import { reasons, sendAction } from "./sendAction";
import { TaskFilters } from "./TaskFilters";
import { ShortcutsHint, TaskViewSwitch, useFiltersInAddress } from "./TaskViews";
import { LoadError } from "../ui/LoadError";

/** How many cards a column shows; the list view pages through the rest. */
const cardsPerColumn = 25;

interface Column {
  status: TaskItemStatus;
  page: PagedListOfTaskDto;
}

/**
 * The tasks as a board: a column per status (those the filters keep), the same filters as the list, in the address.
 * A card moves by dragging it to another column, or by its "Move to…" menu (the keyboard's way); a move is the
 * lifecycle action between the two columns, sent with the card's version. Columns the card may go to are marked
 * while it is dragged; a move the API refuses is explained above the board.
 */
export function TaskBoardPage() {
  const { api } = useSession();
  const me = useMe();
  const announce = useAnnounce();
  const { filters, apply, search } = useFiltersInAddress("board");
  const shown = filters.status.length > 0 ? statuses.filter((status) => filters.status.includes(status)) : statuses;
  const key = queryOf({ ...filters, page: 1 });

  const board = useLoad<Column[]>(key, (signal) =>
    Promise.all(shown.map(async (status) => ({ status, page: await fetchTasks(api, filters, me.id, { status: [status], page: 1, pageSize: cardsPerColumn, includeTotal: true }, signal) }))),
  );
  const tags = useLoad<TagUsage[]>("tags", (signal) => api.listTags(signal));
  const cards = (board.data ?? []).flatMap((column) => column.page.items);
  const nameOf = useNames(cards.flatMap((task) => [...(task.ownerId ? [task.ownerId] : []), ...task.assigneeIds]));
  useTaskEvents(() => board.reload());
  useShortcuts({ "/": () => document.getElementById("search")?.focus() });

  const [dragged, setDragged] = useState<TaskDto | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ task: TaskDto; trigger: TaskTrigger; to: TaskItemStatus } | null>(null);
  const [busy, setBusy] = useState(false);
  // After a move the card is in another column: the keyboard follows it there (its "Move to…" button).
  const follow = useRef<string | null>(null);
  useEffect(() => {
    if (follow.current && !board.loading) {
      document.querySelector<HTMLElement>(`[data-card="${follow.current}"] .move-menu__button`)?.focus();
      follow.current = null;
    }
  }, [board.loading, board.data]);

  const send = async (task: TaskDto, trigger: TaskTrigger, to: TaskItemStatus, text = "", keepFocus = false) => {
    setBusy(true);
    setRefusal(null);
    try {
      await sendAction(api, task, trigger, text.trim());
      setAsking(null);
      if (keepFocus) {
        follow.current = task.id;
      }
      board.reload();
      announce(`“${task.title}” moved to ${statusLabels[to]}.`);
    } catch (error) {
      setAsking(null);
      setRefusal(`“${task.title}” was not moved to ${statusLabels[to]}: ${explainProblem(error)}`);
      if (isStale(error)) {
        board.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  /** A card dropped on a column, or a column picked in its menu. */
  const move = (task: TaskDto, to: TaskItemStatus, byKeyboard: boolean) => {
    setRefusal(null);
    if (task.status === to) {
      return;
    }
    const trigger = stepTo(task, to);
    if (!trigger) {
      setRefusal(`“${task.title}” was not moved to ${statusLabels[to]}: ${noStepExplained(task, to)}`);
      return;
    }
    // A move a rule refuses to this person is explained from the task's refusedActions, without asking the API.
    const refused = task.refusedActions.find((action) => action.action === trigger);
    if (refused) {
      setRefusal(`“${task.title}” was not moved to ${statusLabels[to]}: ${explainCode(refused.code)}`);
      return;
    }
    if (reasons[trigger] && task.allowedActions.includes(trigger)) {
      setAsking({ task, trigger, to });
      return;
    }
    void send(task, trigger, to, "", byKeyboard);
  };

  const onDrop = (event: DragEvent<HTMLElement>, to: TaskItemStatus) => {
    event.preventDefault();
    const task = dragged ?? cards.find((card) => card.id === event.dataTransfer.getData("text/plain"));
    setDragged(null);
    if (task) {
      move(task, to, false);
    }
  };

  const targets = dragged ? openMoves(dragged).map((step) => step.to) : [];
  const filtered = activeFilterCount(filters) > 0 || filters.search !== "";
  return (
    <section className="board-page">
      <div className="page-title">
        <PageHeading title="Board">Tasks</PageHeading>
        <TaskViewSwitch view="board" filters={filters} />
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </div>
      <TaskFilters filters={filters} tags={tags.data ?? []} onApply={apply} onSearch={search} collapsed />
      <ShortcutsHint view="board" />
      <LoadError what="The board" error={board.error} onRetry={board.reload} />
      <InlineError message={refusal} testId="board-refusal" />
      {!board.data && board.loading ? <p className="loading">Loading the board…</p> : null}
      {board.data && cards.length === 0 ? (
        <p className="empty-state" data-testid="empty-state">
          {filtered ? "No task matches this search and these filters: clear them above, or " : "There are no tasks yet: "}
          <Link to="/tasks/new">create a task</Link> (or press <kbd>c</kbd>).
        </p>
      ) : null}
      {board.data ? (
        <div className="board" data-testid="board">
          {board.data.map(({ status, page }) => (
            <section
              key={status}
              className={`board__column${dragged ? (targets.includes(status) ? " board__column--target" : dragged.status === status ? "" : " board__column--closed") : ""}`}
              aria-labelledby={`column-${status}`}
              data-column={status}
              onDragOver={(event) => {
                // Every column takes the drop (a "none" drop effect would cancel it), so that a move the card may not
                // make is explained rather than ignored; the columns' look says which moves are open.
                event.preventDefault();
                event.dataTransfer.dropEffect = "move";
              }}
              onDrop={(event) => onDrop(event, status)}
            >
              <h2 id={`column-${status}`}>
                {statusLabels[status]} <span className="board__count">{page.totalCount ?? `${page.items.length}+`}</span>
              </h2>
              {page.items.length === 0 ? <p className="board__empty">Nothing {statusLabels[status].toLowerCase()}. Drag a card here, or use a card’s “Move to…”.</p> : null}
              <ul className="board__cards">
                {page.items.map((task) => (
                  <li
                    key={task.id}
                    className={`board-card${dragged?.id === task.id ? " board-card--dragged" : ""}`}
                    data-card={task.id}
                    draggable={!busy}
                    onDragStart={(event) => {
                      event.dataTransfer.setData("text/plain", task.id);
                      event.dataTransfer.effectAllowed = "move";
                      setDragged(task);
                    }}
                    onDragEnd={() => setDragged(null)}
                  >
                    <Link to={`/tasks/${task.id}`} className="board-card__title" draggable={false}>
                      {task.title}
                    </Link>
                    <p className="task-card__meta">
                      <span className={`badge badge--priority-${task.priority}`}>{priorityLabels[task.priority]}</span>
                      {task.ownerId ? <span> · {nameOf(task.ownerId)}</span> : task.assigneeIds.length > 0 ? <span> · for {task.assigneeIds.map(nameOf).join(", ")}</span> : null}
                    </p>
                    <MoveMenu task={task} moves={openMoves(task)} disabled={busy} onMove={(to) => move(task, to, true)} />
                  </li>
                ))}
              </ul>
              {page.hasMore ? (
                <Link to={`/${queryOf({ ...filters, status: [status], page: 1 })}`} className="board__more">
                  All {statusLabels[status].toLowerCase()} tasks in the list
                </Link>
              ) : null}
            </section>
          ))}
        </div>
      ) : null}
      {asking ? (
        <ReasonDialog
          title={`Move “${asking.task.title}” to ${statusLabels[asking.to]}`}
          reason={reasons[asking.trigger]!}
          busy={busy}
          onConfirm={(text) => void send(asking.task, asking.trigger, asking.to, text, true)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
    </section>
  );
}
