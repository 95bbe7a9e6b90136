import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { PersonDto } from "@taskorchestration/client";
import { useNames, usePeopleSearch } from "../session/PeopleProvider";
import { useDebounced } from "./useDebounced";

interface PersonPickerProps {
  id: string;
  label: string;
  hint?: string;
  /** The person picked so far (the input shows their name), or null. */
  selected?: string | null;
  onPick(person: PersonDto): void;
  /** The input was emptied: nobody is picked any more. */
  onClear?(): void;
  /** People not to offer (those already assigned, already in the team). */
  exclude?: readonly string[];
  /** Empties the input after a pick (to pick the next person), rather than showing the name picked. */
  clearOnPick?: boolean;
  /** The id of a message about this field (an error), announced with it. */
  errorId?: string;
  disabled?: boolean;
}

/**
 * A searchable list of the people the signed-in person may name (the WAI-ARIA combobox pattern): type part of a
 * name and the matching people are listed (asked for once the typing pauses); the arrow keys move through them,
 * Enter picks, Escape closes. Nobody ever types an id.
 */
export function PersonPicker({ id, label, hint, selected = null, onPick, onClear, exclude = [], clearOnPick, errorId, disabled }: PersonPickerProps) {
  const search = usePeopleSearch();
  const nameOf = useNames(selected ? [selected] : []);
  const listId = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const selectedName = selected ? nameOf(selected) : "";
  const [text, setText] = useState(selectedName);
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<PersonDto[] | null>(null);
  // The person the arrow keys reached, by id: results that arrive later (the debounced search) keep them active.
  const [activePersonId, setActivePersonId] = useState<string | null>(null);
  const typed = useDebounced(text, 250);
  const editing = useRef(false);

  // The name of the person picked, once known (and again when another is picked from outside, the address say).
  useEffect(() => {
    if (!editing.current) {
      setText(selected ? selectedName : "");
    }
  }, [selected, selectedName]);

  useEffect(() => {
    if (!open) {
      setActivePersonId(null);
      return;
    }
    const abort = new AbortController();
    search(typed, abort.signal).then(
      (people) => {
        setFound(people);
      },
      () => {
        if (!abort.signal.aborted) {
          setFound([]);
        }
      },
    );
    return () => abort.abort();
  }, [open, typed, search]);

  const offered = (found ?? []).filter((person) => !exclude.includes(person.id));
  const active = offered.findIndex((person) => person.id === activePersonId);
  const pick = (person: PersonDto) => {
    editing.current = false;
    setOpen(false);
    setFound(null);
    setText(clearOnPick ? "" : person.displayName);
    onPick(person);
  };
  const close = () => {
    editing.current = false;
    setOpen(false);
    setFound(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open) {
          setOpen(true);
          return;
        }
        if (offered.length > 0) {
          const step = event.key === "ArrowDown" ? 1 : -1;
          setActivePersonId(offered[(active + step + offered.length) % offered.length].id);
        }
        return;
      }
      case "Enter":
        if (open) {
          // Enter picks the person shown as active (or the only one found); it never sends the form around it.
          event.preventDefault();
          const person = offered[active] ?? (offered.length === 1 ? offered[0] : undefined);
          if (person) {
            pick(person);
          }
        }
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        return;
    }
  };

  const activeId = open && active >= 0 && offered[active] ? `${listId}-${offered[active].id}` : undefined;
  const waiting = open && (found === null || typed !== text);
  return (
    <div className="field person-picker">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={errorId ? true : undefined}
        disabled={disabled}
        value={text}
        placeholder="Type a name"
        onChange={(event) => {
          editing.current = true;
          setText(event.target.value);
          setOpen(true);
          if (event.target.value === "" && selected) {
            onClear?.();
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          close();
          // Left half-typed: the input shows who is picked again (or nothing).
          setText(clearOnPick ? "" : selectedName);
        }}
      />
      <ul id={listId} role="listbox" aria-label={label} className="person-picker__list" hidden={!open}>
        {offered.map((person, index) => (
          <li
            key={person.id}
            id={`${listId}-${person.id}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "person-picker__option person-picker__option--active" : "person-picker__option"}
            // Picked on mouse down, before the input loses focus (which closes the list).
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {person.displayName}
          </li>
        ))}
        {open && !waiting && offered.length === 0 ? (
          <li role="option" aria-disabled="true" aria-selected="false" className="person-picker__empty">
            {text.trim() ? `Nobody you can pick is called “${text.trim()}”.` : "Nobody else to pick."}
          </li>
        ) : null}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {open && !waiting ? (offered.length === 1 ? "1 person found." : `${offered.length} people found.`) : ""}
      </p>
    </div>
  );
}
