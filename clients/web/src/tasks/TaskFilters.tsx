import { useEffect, useState, type FormEvent } from "react";
import type { TagUsage } from "@taskorchestration/client";
import { Field, SelectField } from "../ui/Field";
import { priorities, priorityLabels, statuses, statusLabels } from "./labels";
import { activeFilterCount, sortOptions, type ListFilters, type Mine } from "./listQuery";

const mineOptions: { value: Mine; label: string }[] = [
  { value: "", label: "Everyone's" },
  { value: "assigned", label: "Assigned to me" },
  { value: "taken", label: "Taken by me" },
  { value: "created", label: "Created by me" },
];

/**
 * The list's search and filters. They apply when the form is sent (a button, or Enter), not at each keystroke, so
 * that screen readers are not interrupted and the API is not asked for every letter.
 */
export function TaskFilters({ filters, tags, onApply }: { filters: ListFilters; tags: TagUsage[]; onApply(filters: ListFilters): void }) {
  const [draft, setDraft] = useState(filters);
  const [tagText, setTagText] = useState(filters.tags.join(", "));
  useEffect(() => {
    setDraft(filters);
    setTagText(filters.tags.join(", "));
  }, [filters]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const tagList = tagText
      .split(/[\s,]+/)
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean);
    onApply({ ...draft, search: draft.search.trim(), assignee: draft.assignee.trim(), tags: tagList, page: 1 });
  };
  const clear = () => onApply({ status: [], priority: [], tags: [], search: "", assignee: "", mine: "", sort: filters.sort, page: 1 });
  const toggle = <T extends string>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);
  const active = activeFilterCount(filters);

  return (
    <form className="filters" role="search" aria-label="Tasks" onSubmit={apply} noValidate>
      <div className="filters__row">
        <Field id="search" label="Search titles and descriptions" type="search" value={draft.search} onChange={(search) => setDraft({ ...draft, search })} />
        <SelectField id="sort" label="Sort" value={draft.sort} options={sortOptions} onChange={(sort) => setDraft({ ...draft, sort: sort as ListFilters["sort"] })} />
      </div>
      <details open={active > 0 || undefined}>
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
            <Field
              id="assignee"
              label="Assigned to (user id)"
              value={draft.assignee}
              onChange={(assignee) => setDraft({ ...draft, assignee })}
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
