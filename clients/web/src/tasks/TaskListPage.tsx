import { useEffect, useMemo, useRef } from "react";
import type { PagedListOfTaskDto, TagUsage } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { Link, navigate, useLocation } from "../app/routing";
import { useTaskEvents } from "../live/LiveUpdatesProvider";
import { useNameOf } from "../session/PeopleProvider";
import { useMe, useSession } from "../session/SessionProvider";
import { PageHeading } from "../ui/PageHeading";
import { useLoad } from "../ui/useLoad";
import { formatDateTime, priorityLabels, statusLabels } from "./labels";
import { filtersFrom, listRequest, pageSize, queryOf, type ListFilters } from "./listQuery";
import { TaskFilters } from "./TaskFilters";

/** The task list: search, filters and pages from the address; refreshed live when any visible task changes. */
export function TaskListPage() {
  const { api } = useSession();
  const me = useMe();
  const nameOf = useNameOf();
  const { query } = useLocation();
  const filters = useMemo(() => filtersFrom(query), [query]);
  const key = queryOf(filters);
  // The total is counted for the first page only (README: counts cost), and kept while paging the same filters.
  const total = useRef<{ filters: string; count: number | null } | null>(null);
  const filtersKey = queryOf({ ...filters, page: 1 });

  const list = useLoad<PagedListOfTaskDto>(key, async (signal) => {
    const request = listRequest(filters, me.id);
    const knownTotal = total.current?.filters === filtersKey;
    const page = await api.listTasks(
      request.status,
      request.priority,
      request.ownerId,
      request.createdBy,
      request.search,
      undefined,
      undefined,
      request.assigneeId,
      request.tag,
      undefined,
      undefined,
      undefined,
      request.sortBy,
      request.sortDirection,
      request.page,
      pageSize,
      undefined,
      !knownTotal || request.page === 1,
      undefined,
      undefined,
      signal,
    );
    if (!knownTotal || request.page === 1) {
      total.current = { filters: filtersKey, count: page.totalCount };
    }
    return page;
  });
  const tags = useLoad<TagUsage[]>("tags", (signal) => api.listTags(signal));

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
    navigate(`/${queryOf(next)}`);
  };

  const page = list.data;
  const count = total.current?.filters === filtersKey ? total.current.count : null;
  const first = (filters.page - 1) * pageSize + 1;

  return (
    <section>
      <div className="page-title">
        <PageHeading title="Tasks">Tasks</PageHeading>
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </div>
      <TaskFilters filters={filters} tags={tags.data ?? []} onApply={go} />

      {list.error ? (
        <p className="error-text" role="alert">
          The tasks could not be loaded: {explainProblem(list.error)}{" "}
          <button type="button" className="link-button" onClick={list.reload}>
            Try again
          </button>
        </p>
      ) : null}
      {!page && list.loading ? <p className="loading">Loading tasks…</p> : null}

      {page ? (
        <>
          <p ref={summary} className="list-summary" tabIndex={-1} data-testid="list-summary">
            {page.items.length === 0
              ? "No task matches."
              : `Tasks ${first}–${first + page.items.length - 1}${count !== null ? ` of ${count}` : page.hasMore ? " (more on the next pages)" : ""}`}
          </p>
          <ul className="task-list" data-testid="task-list">
            {page.items.map((task) => (
              <li key={task.id} className="task-card">
                <h2>
                  <Link to={`/tasks/${task.id}`}>{task.title}</Link>
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
