import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { TaskDto, TaskItemStatus } from "@taskorchestration/client";
import type { Move } from "./boardMoves";
import { actionLabels, statusLabels } from "./labels";

/**
 * A card's "Move to…" button: the keyboard's (and a screen reader's) way to do what dragging does. It lists the
 * columns this person may move the task to (the WAI-ARIA menu button pattern: arrows move, Enter picks, Escape
 * closes and gives the keyboard back to the button).
 */
export function MoveMenu({ task, moves, disabled, onMove }: { task: TaskDto; moves: Move[]; disabled: boolean; onMove(to: TaskItemStatus): void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) {
      menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    }
  }, [open]);

  if (moves.length === 0) {
    return <p className="hint board-card__no-move">No move is open to you.</p>;
  }

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      items[event.key === "Home" ? 0 : items.length - 1]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="move-menu">
      <button
        ref={button}
        type="button"
        className="secondary move-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        Move to…<span className="visually-hidden"> (“{task.title}”)</span>
      </button>
      {open ? (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={`Move “${task.title}” to`}
          className="move-menu__list"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null) && event.relatedTarget !== button.current) {
              setOpen(false);
            }
          }}
        >
          {moves.map((move) => (
            <li key={move.trigger} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="move-menu__item"
                onClick={() => {
                  setOpen(false);
                  onMove(move.to);
                }}
              >
                {statusLabels[move.to]} <span className="hint">({actionLabels[move.trigger]?.toLowerCase()})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
