import { useEffect, useRef, useState, type FormEvent } from "react";

/**
 * A small modal dialog for the few words a move carries (a result, why it failed, why it is cancelled): Enter in
 * the box sends it, Escape or "Never mind" leaves the card where it was.
 */
export function ReasonDialog({ title, reason, busy, onConfirm, onCancel }: { title: string; reason: { label: string; confirm: string; required: boolean }; busy: boolean; onConfirm(text: string): void; onCancel(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const returnFocus = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    const back = returnFocus.current;
    return () => {
      element?.close();
      back?.focus();
    };
  }, []);
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(text);
  };
  return (
    <dialog ref={dialog} className="small-dialog" aria-labelledby="reason-dialog-title" onCancel={(event) => { event.preventDefault(); onCancel(); }} data-testid="reason-dialog">
      <form onSubmit={confirm} noValidate>
        <h2 id="reason-dialog-title">{title}</h2>
        <div className="field">
          <label htmlFor="reason-text">{reason.label}</label>
          <input id="reason-text" autoFocus autoComplete="off" value={text} aria-required={reason.required || undefined} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {reason.confirm}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Never mind
          </button>
        </div>
      </form>
    </dialog>
  );
}
