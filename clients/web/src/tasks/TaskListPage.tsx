import { useEffect, useRef } from "react";
import type { PagedListOfTaskDto, TagUsage } from "@taskorchestration/client";
import { Link } from "../app/routing";
import { useShortcuts } from "../app/shortcuts";
import { useTaskEvents } from "../live/LiveUpdatesProvider";
import { useNames } from "../session/PeopleProvider";
import { useMe, useSession } from "../session/SessionProvider";
import { PageHeading } from "../ui/PageHeading";
import { useLoad } from "../ui/useLoad";
import { formatDateTime, priorityLabels, statusLabels } from "./labels";
import { activeFilterCount, fetchTasks, pageSize, queryOf, type ListFilters } from "./listQuery";
import { TaskFilters } from "./TaskFilters";
import { ShortcutsHint, TaskViewSwitch, useFiltersInAddress } from "./TaskViews";
import { LoadError } from "../ui/LoadError";

/**
 * The task list: search, filters and pages from the address; refreshed live when any visible task changes. `j` and
 * `k` move the keyboard from task to task, Enter opens the one it is on.
 */
export function TaskListPage() {
  const { api } = useSession();
  const me = useMe();
  const { filters, apply, search } = useFiltersInAddress("list");
  const key = queryOf(filters);
  // The total is counted for the first page only (docs/api.md: counts cost), and kept while paging the same filters.
  const total = useRef<{ filters: string; count: number | null } | null>(null);
  const filtersKey = queryOf({ ...filters, page: 1 });

  const list = useLoad<PagedListOfTaskDto>(key, async (signal) => {
    const knownTotal = total.current?.filters === filtersKey;
    const page = await fetchTasks(api, filters, me.id, { page: filters.page, pageSize, includeTotal: !knownTotal || filters.page === 1 }, signal);
    if (!knownTotal || filters.page === 1) {
      total.current = { filters: filtersKey, count: page.totalCount };
    }
    return page;
  });
  const tags = useLoad<TagUsage[]>("tags", (signal) => api.listTags(signal));
  const nameOf = useNames((list.data?.items ?? []).flatMap((task) => [...(task.ownerId ? [task.ownerId] : []), ...task.assigneeIds]));

  // Another person's change to any task may add one to this page, remove one or reorder it: read the page again.
  useTaskEvents(() => {
    list.reload();
    tags.reload();
  });

  // After the person changes filters or pages, focus goes to the line that says what the list now holds.
  const summary = useRef<HTMLParagraphElement>(null);
  const focusSummary = useRef(false);
  useEffect(() => {
    if (focusSummary.current && !list.loading) {
      focusSummary.current = false;
      summary.current?.focus();
    }
  }, [list.loading, list.data]);
  const go = (next: ListFilters) => {
    focusSummary.current = true;
    apply(next);
  };

  const taskList = useRef<HTMLUListElement>(null);
  useShortcuts({
    j: () => moveThroughTasks(taskList.current, 1),
    k: () => moveThroughTasks(taskList.current, -1),
    "/": () => document.getElementById("search")?.focus(),
  });

  const page = list.data;
  const count = total.current?.filters === filtersKey ? total.current.count : null;
  const first = (filters.page - 1) * pageSize + 1;
  const filtered = activeFilterCount(filters) > 0 || filters.search !== "";

  return (
    <section>
      <div className="page-title">
        <PageHeading title="Tasks">Tasks</PageHeading>
        <TaskViewSwitch view="list" filters={filters} />
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </div>
      <TaskFilters filters={filters} tags={tags.data ?? []} onApply={go} onSearch={search} />
      <ShortcutsHint view="list" />

      <LoadError what="The tasks" error={list.error} onRetry={list.reload} />
      {!page && list.loading ? <p className="loading">Loading tasks…</p> : null}

      {page ? (
        <>
          <p ref={summary} className="list-summary" tabIndex={-1} data-testid="list-summary">
            {page.items.length === 0
              ? "No task matches."
              : `Tasks ${first}–${first + page.items.length - 1}${count !== null ? ` of ${count}` : page.hasMore ? " (more on the next pages)" : ""}`}
          </p>
          {page.items.length === 0 ? (
            <EmptyList filtered={filtered} onClear={() => go({ ...filters, status: [], priority: [], tags: [], search: "", assignee: "", mine: "", page: 1 })} />
          ) : null}
          <ul ref={taskList} className="task-list" data-testid="task-list">
            {page.items.map((task) => (
              <li key={task.id} className="task-card">
                <h2>
                  <Link to={`/tasks/${task.id}`} data-task-link="">
                    {task.title}
                  </Link>
                </h2>
                <p className="task-card__meta">
                  <span className={`badge badge--${task.status}`}>{statusLabels[task.status]}</span>{" "}
                  <span className={`badge badge--priority-${task.priority}`}>{priorityLabels[task.priority]} priority</span>
                  {task.dueDate ? <span> · due {formatDateTime(task.dueDate)}</span> : null}
                  {task.ownerId ? <span> · taken by {nameOf(task.ownerId)}</span> : null}
                  {task.assigneeIds.length > 0 ? <span> · assigned to {task.assigneeIds.map(nameOf).join(", ")}</span> : null}
                </p>
                {task.tags.length > 0 ? (
                  <ul className="tags" aria-label="Tags">
                    {task.tags.map((tag) => (
                      <li key={tag}>
                        <Link to={`/?tag=${encodeURIComponent(tag)}`}>#{tag}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <nav className="pager" aria-label="Pages">
            {filters.page > 1 ? <PageLink filters={filters} page={filters.page - 1} onGo={go} label="← Previous page" /> : null}
            <span>Page {filters.page}</span>
            {page.hasMore ? <PageLink filters={filters} page={filters.page + 1} onGo={go} label="Next page →" /> : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}

/** What to do when the list is empty: widen the search, or make the first task. */
function EmptyList({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  return filtered ? (
    <div className="empty-state" data-testid="empty-state">
      <p>No task matches this search and these filters.</p>
      <p>
        <button type="button" className="secondary" onClick={onClear}>
          Clear the search and filters
        </button>{" "}
        or <Link to="/tasks/new">create a task</Link>.
      </p>
    </div>
  ) : (
    <div className="empty-state" data-testid="empty-state">
      <p>There are no tasks yet.</p>
      <p>
        <Link to="/tasks/new">Create the first task</Link>, or press <kbd>c</kbd> anywhere to create one in a few keystrokes.
      </p>
    </div>
  );
}

/** Moves the keyboard to the next (1) or previous (-1) task's link, from the one it is on (or from the top). */
function moveThroughTasks(list: HTMLUListElement | null, step: 1 | -1): void {
  if (!list) {
    return;
  }
  const links = [...list.querySelectorAll<HTMLAnchorElement>("a[data-task-link]")];
  if (links.length === 0) {
    return;
  }
  const current = links.findIndex((link) => link === document.activeElement);
  const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  links[next].focus();
  links[next].scrollIntoView({ block: "nearest" });
}

function PageLink({ filters, page, onGo, label }: { filters: ListFilters; page: number; onGo(filters: ListFilters): void; label: string }) {
  return (
    <Link
      to={`/${queryOf({ ...filters, page })}`}
      onClick={(event) => {
        if (!event.ctrlKey && !event.metaKey && !event.shiftKey) {
          event.preventDefault();
          onGo({ ...filters, page });
        }
      }}
    >
      {label}
    </Link>
  );
}
