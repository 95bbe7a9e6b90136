import type { PagedListOfTaskDto, SortDirection, TaskItemStatus, TaskOrchestrationClient, TaskPriority, TaskSortField } from "@taskorchestration/client";
import { priorities, statuses } from "./labels";

/** Whose tasks: everyone's, or one of the three ways a task is someone's. */
export type Mine = "" | "taken" | "created" | "assigned";

export const sortOptions = [
  { value: "createdAt-desc", label: "Newest first" },
  { value: "updatedAt-desc", label: "Recently changed" },
  { value: "dueDate-asc", label: "Due soonest" },
  { value: "priority-desc", label: "Highest priority" },
  { value: "title-asc", label: "Title A–Z" },
] as const;

/** The list's filters and page, kept in the address (?status=pending&tag=ops&page=2) so back, reload and links keep them. */
export interface ListFilters {
  status: TaskItemStatus[];
  priority: TaskPriority[];
  tags: string[];
  search: string;
  assignee: string;
  mine: Mine;
  sort: (typeof sortOptions)[number]["value"];
  page: number;
}

export const pageSize = 20;

export function filtersFrom(query: URLSearchParams): ListFilters {
  const sort = query.get("sort");
  const mine = query.get("mine");
  return {
    status: query.getAll("status").filter((value): value is TaskItemStatus => (statuses as string[]).includes(value)),
    priority: query.getAll("priority").filter((value): value is TaskPriority => (priorities as string[]).includes(value)),
    tags: query.getAll("tag").filter(Boolean),
    search: query.get("search") ?? "",
    assignee: query.get("assignee") ?? "",
    mine: mine === "taken" || mine === "created" || mine === "assigned" ? mine : "",
    sort: sortOptions.find((option) => option.value === sort)?.value ?? "createdAt-desc",
    page: Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1),
  };
}

export function queryOf(filters: ListFilters): string {
  const query = new URLSearchParams();
  filters.status.forEach((status) => query.append("status", status));
  filters.priority.forEach((priority) => query.append("priority", priority));
  filters.tags.forEach((tag) => query.append("tag", tag));
  if (filters.search) query.set("search", filters.search);
  if (filters.assignee) query.set("assignee", filters.assignee);
  if (filters.mine) query.set("mine", filters.mine);
  if (filters.sort !== "createdAt-desc") query.set("sort", filters.sort);
  if (filters.page > 1) query.set("page", String(filters.page));
  const text = query.toString();
  return text ? `?${text}` : "";
}

export interface TaskPageRequest {
  /** Only these statuses, in place of the filters' (a board column). */
  status?: TaskItemStatus[];
  page: number;
  pageSize: number;
  includeTotal: boolean;
}

/**
 * The one call that reads tasks for the list and the board: the filters as the address holds them, turned into
 * GET /api/v1/tasks's query (a person's "mine" becomes their id).
 */
export function fetchTasks(api: TaskOrchestrationClient, filters: ListFilters, meId: string, request: TaskPageRequest, signal: AbortSignal): Promise<PagedListOfTaskDto> {
  const [sortBy, sortDirection] = filters.sort.split("-") as [TaskSortField, SortDirection];
  const status = request.status ?? filters.status;
  return api.listTasks(
    {
      status: status.length > 0 ? status : undefined,
      priority: filters.priority.length > 0 ? filters.priority : undefined,
      ownerId: filters.mine === "taken" ? meId : undefined,
      createdBy: filters.mine === "created" ? meId : undefined,
      search: filters.search || undefined,
      assigneeId: filters.mine === "assigned" ? meId : filters.assignee || undefined,
      tag: filters.tags.length > 0 ? filters.tags : undefined,
      sortBy,
      sortDirection,
      page: request.page,
      pageSize: request.pageSize,
      includeTotal: request.includeTotal,
    },
    signal,
  );
}

/** How many filters narrow the list (the search box is shown on its own). */
export function activeFilterCount(filters: ListFilters): number {
  return [filters.status.length > 0, filters.priority.length > 0, filters.tags.length > 0, !!filters.assignee, !!filters.mine].filter(Boolean).length;
}
