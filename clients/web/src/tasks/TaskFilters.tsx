import { useEffect, useRef, useState, type FormEvent } from "react";
import type { TagUsage } from "@taskorchestration/client";
import { Field, SelectField } from "../ui/Field";
import { PersonPicker } from "../ui/PersonPicker";
import { useDebounced } from "../ui/useDebounced";
import { priorities, priorityLabels, statuses, statusLabels } from "./labels";
import { activeFilterCount, queryOf, sortOptions, type ListFilters, type Mine } from "./listQuery";

const mineOptions: { value: Mine; label: string }[] = [
  { value: "", label: "Everyone's" },
  { value: "assigned", label: "Assigned to me" },
  { value: "taken", label: "Taken by me" },
  { value: "created", label: "Created by me" },
];

/**
 * The search and filters of the list and the board (both keep them in the address). The search applies as the
 * person types, once the typing pauses, and leaves the keyboard in the box; the other filters apply when the form is
 * sent (a button, or Enter), so that a few boxes ticked cost one request.
 */
export function TaskFilters({ filters, tags, onApply, onSearch, collapsed }: { filters: ListFilters; tags: TagUsage[]; onApply(filters: ListFilters): void; onSearch(search: string): void; /** Filters folded even when some apply (the board wants the room); the summary still counts them. */ collapsed?: boolean }) {
  const [draft, setDraft] = useState(filters);
  const [tagText, setTagText] = useState(filters.tags.join(", "));
  // Filters applied elsewhere (back, a tag's link) replace the unsent ones; a search typed here leaves them be.
  const appliedFilters = queryOf({ ...filters, search: "", page: 1 });
  const latestFilters = useRef(filters);
  latestFilters.current = filters;
  useEffect(() => {
    setDraft((current) => ({ ...latestFilters.current, search: current.search }));
    setTagText(latestFilters.current.tags.join(", "));
  }, [appliedFilters]);

  // The search box follows the address (back, a link) unless the address only says what was typed here.
  const searchSent = useRef(filters.search);
  useEffect(() => {
    if (filters.search !== searchSent.current) {
      searchSent.current = filters.search;
      setDraft((current) => ({ ...current, search: filters.search }));
    }
  }, [filters.search]);
  const typed = useDebounced(draft.search.trim(), 300);
  useEffect(() => {
    if (typed !== searchSent.current) {
      searchSent.current = typed;
      onSearch(typed);
    }
  }, [typed, onSearch]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const tagList = tagText
      .split(/[\s,]+/)
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean);
    searchSent.current = draft.search.trim();
    onApply({ ...draft, search: draft.search.trim(), tags: tagList, page: 1 });
  };
  const clear = () => {
    searchSent.current = "";
    setDraft((current) => ({ ...current, search: "" }));
    onApply({ status: [], priority: [], tags: [], search: "", assignee: "", mine: "", sort: filters.sort, page: 1 });
  };
  const toggle = <T extends string>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);
  const active = activeFilterCount(filters);

  return (
    <form className="filters" role="search" aria-label="Tasks" onSubmit={apply} noValidate>
      <div className="filters__row">
        <Field id="search" label="Search titles and descriptions" type="search" value={draft.search} onChange={(search) => setDraft((current) => ({ ...current, search }))} hint="Results follow as you type. Press / to come here." />
        <SelectField id="sort" label="Sort" value={draft.sort} options={sortOptions} onChange={(sort) => setDraft({ ...draft, sort: sort as ListFilters["sort"] })} />
      </div>
      <details open={(active > 0 && !collapsed) || undefined}>
        <summary>Filters{active > 0 ? ` (${active} active)` : ""}</summary>
        <div className="filters__grid">
          <fieldset>
            <legend>Status</legend>
            {statuses.map((status) => (
              <label key={status} className="check">
                <input type="checkbox" name="status" value={status} checked={draft.status.includes(status)} onChange={() => setDraft({ ...draft, status: toggle(draft.status, status) })} />
                {statusLabels[status]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Priority</legend>
            {priorities.map((priority) => (
              <label key={priority} className="check">
                <input
                  type="checkbox"
                  name="priority"
                  value={priority}
                  checked={draft.priority.includes(priority)}
                  onChange={() => setDraft({ ...draft, priority: toggle(draft.priority, priority) })}
                />
                {priorityLabels[priority]}
              </label>
            ))}
          </fieldset>
          <div>
            <SelectField id="mine" label="Whose" value={draft.mine} options={mineOptions} onChange={(mine) => setDraft({ ...draft, mine: mine as Mine })} />
            <Field id="tags" label="Tags" value={tagText} onChange={setTagText} list="known-tags" hint="Tasks with all of them; separate with commas." />
            <datalist id="known-tags">
              {tags.map((tag) => (
                <option key={tag.name} value={tag.name} />
              ))}
            </datalist>
            <PersonPicker
              id="assignee"
              label="Assigned to"
              selected={draft.assignee || null}
              onPick={(person) => setDraft((current) => ({ ...current, assignee: person.id }))}
              onClear={() => setDraft((current) => ({ ...current, assignee: "" }))}
              hint="“Assigned to me” above takes precedence."
            />
          </div>
        </div>
      </details>
      <div className="button-row">
        <button type="submit">Apply</button>
        {active > 0 || filters.search ? (
          <button type="button" className="secondary" onClick={clear}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
