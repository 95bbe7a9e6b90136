import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CommentDto, TaskDto } from "@taskorchestration/client";
import { explainProblem } from "../app/problems";
import { useNames } from "../session/PeopleProvider";
import { isManager, useMe, useSession } from "../session/SessionProvider";
import { useAnnounce } from "../ui/Announcer";
import { InlineError } from "../ui/InlineError";
import { formatDateTime } from "./labels";

/**
 * The task's comments, oldest first: anyone who sees the task adds one; authors edit theirs; authors, managers and
 * admins delete. The task page reads them (and again when it hears they changed).
 */
export function TaskComments({ task, comments, onMore, onChanged }: { task: TaskDto; comments: CommentDto[]; onMore: (() => void) | null; onChanged(): void }) {
  const { api } = useSession();
  const announce = useAnnounce();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.addComment(task.id, { body });
      setBody("");
      onChanged();
      announce("Comment added.");
    } catch (failure) {
      setError(explainProblem(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title" tabIndex={-1}>
        Comments
      </h2>
      {comments.length === 0 ? <p>No comments yet.</p> : null}
      <ol className="comments" data-testid="comments">
        {comments.map((comment) => (
          <Comment key={comment.id} taskId={task.id} comment={comment} onChanged={onChanged} />
        ))}
      </ol>
      {onMore ? (
        <button type="button" className="secondary" onClick={onMore}>
          Show more comments
        </button>
      ) : null}
      <form className="inline-form" onSubmit={(event) => void add(event)} noValidate>
        <label htmlFor="new-comment">Add a comment</label>
        <textarea id="new-comment" rows={3} value={body} aria-describedby={error ? "comment-error" : undefined} aria-invalid={error ? true : undefined} onChange={(event) => setBody(event.target.value)} />
        <InlineError id="comment-error" message={error} />
        <button type="submit" disabled={busy}>
          Add comment
        </button>
      </form>
    </section>
  );
}

function Comment({ taskId, comment, onChanged }: { taskId: string; comment: CommentDto; onChanged(): void }) {
  const { api } = useSession();
  const me = useMe();
  const nameOf = useNames([comment.authorId]);
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [text, setText] = useState(comment.body);
  // A saved edit shows at once; the list's reload (onChanged) then brings the same body from the server. `over` is the
  // body it replaced, so any newer body from the server (this reload or another person's change) wins.
  const [saved, setSaved] = useState<{ over: string; body: string } | null>(null);
  const shownBody = saved !== null && saved.over === comment.body ? saved.body : comment.body;
  const [error, setError] = useState<string | null>(null);
  const mine = comment.authorId === me.id;
  const inputId = `comment-${comment.id}-body`;
  const errorId = `comment-${comment.id}-error`;
  // Saving or leaving the edit form, or keeping the comment, removes the button that was pressed: the keyboard goes
  // back to the button that opened it, once it is shown again.
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const [focusAfterwards, setFocusAfterwards] = useState<"edit" | "delete" | null>(null);
  useEffect(() => {
    if (focusAfterwards) {
      (focusAfterwards === "edit" ? editButton : deleteButton).current?.focus();
      setFocusAfterwards(null);
    }
  }, [focusAfterwards]);

  const attempt = async (send: () => Promise<unknown>, done: string, focusAfter?: () => void) => {
    setError(null);
    try {
      await send();
      setEditing(false);
      setConfirmingDelete(false);
      onChanged();
      announce(done);
      focusAfter?.();
    } catch (failure) {
      setError(explainProblem(failure));
    }
  };

  return (
    <li className="comment">
      <p className="comment__meta">
        <strong>{nameOf(comment.authorId)}</strong> · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.edited ? " · edited" : ""}
      </p>
      {editing ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(
              async () => {
                const edited = await api.editComment(taskId, comment.id, { body: text });
                setSaved({ over: comment.body, body: edited.body });
              },
              "Comment saved.",
              () => setFocusAfterwards("edit"),
            );
          }}
          noValidate
        >
          <label htmlFor={inputId}>Edit your comment</label>
          <textarea id={inputId} rows={3} value={text} autoFocus aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} onChange={(event) => setText(event.target.value)} />
          <div className="button-row">
            <button type="submit">Save comment</button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(false);
                setError(null);
                setFocusAfterwards("edit");
              }}
            >
              Never mind
            </button>
          </div>
        </form>
      ) : (
        <p className="comment__body">{shownBody}</p>
      )}
      {!editing ? (
        <div className="button-row">
          {mine ? (
            <button ref={editButton} type="button" className="link-button" onClick={() => { setText(shownBody); setEditing(true); }}>
              Edit<span className="visually-hidden"> your comment</span>
            </button>
          ) : null}
          {(mine || isManager(me)) && !confirmingDelete ? (
            <button ref={deleteButton} type="button" className="link-button" onClick={() => setConfirmingDelete(true)}>
              Delete<span className="visually-hidden"> the comment by {nameOf(comment.authorId)}</span>
            </button>
          ) : null}
          {confirmingDelete ? (
            <>
              <button type="button" className="danger" autoFocus onClick={() => void attempt(() => api.deleteComment(taskId, comment.id), "Comment deleted.", focusCommentsHeading)}>
                Delete this comment
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setConfirmingDelete(false);
                  setFocusAfterwards("delete");
                }}
              >
                Keep it
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      <InlineError id={errorId} message={error} />
    </li>
  );
}

/** After a deletion the button pressed is gone with its comment: the keyboard starts again from the section. */
function focusCommentsHeading(): void {
  document.getElementById("comments-title")?.focus();
}
