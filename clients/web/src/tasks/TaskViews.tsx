import { useCallback, useMemo } from "react";
import { Link, navigate, useLocation } from "../app/routing";
import { filtersFrom, queryOf, type ListFilters } from "./listQuery";

export type TaskView = "list" | "board";

const viewPaths: Record<TaskView, string> = { list: "/", board: "/board" };

/**
 * The filters of the list and the board, read from the address and written back to it: a view can be bookmarked and
 * shared, and switching between the list and the board keeps them.
 */
export function useFiltersInAddress(view: TaskView) {
  const { query } = useLocation();
  const filters = useMemo(() => filtersFrom(query), [query]);
  const path = viewPaths[view];
  /** Applies filters (a new history entry: back undoes it). */
  const apply = useCallback((next: ListFilters) => navigate(`${path}${queryOf(next)}`), [path]);
  /** Applies what is typed in the search box, replacing the history entry (back does not replay each pause in the typing). */
  const search = useCallback((text: string) => navigate(`${path}${queryOf({ ...filtersFrom(new URLSearchParams(window.location.search)), search: text, page: 1 })}`, { replace: true }), [path]);
  return { filters, apply, search };
}

/** List or board: two ways of looking at the same tasks, with the same filters. */
export function TaskViewSwitch({ view, filters }: { view: TaskView; filters: ListFilters }) {
  const query = queryOf({ ...filters, page: 1 });
  return (
    <nav className="view-switch" aria-label="Views">
      <Link to={`${viewPaths.list}${query}`} aria-current={view === "list" ? "page" : undefined}>
        List
      </Link>
      <Link to={`${viewPaths.board}${query}`} aria-current={view === "board" ? "page" : undefined}>
        Board
      </Link>
    </nav>
  );
}

/** The single-key shortcuts, said where they work. */
export function ShortcutsHint({ view }: { view: TaskView }) {
  return (
    <p className="hint shortcuts-hint" data-testid="shortcuts-hint">
      Keyboard: <kbd>c</kbd> new task · <kbd>/</kbd> search{view === "list" ? (
        <>
          {" "}
          · <kbd>j</kbd>/<kbd>k</kbd> next/previous task · <kbd>Enter</kbd> open it
        </>
      ) : (
        <> · “Move to…” on a card moves it</>
      )}
    </p>
  );
}
