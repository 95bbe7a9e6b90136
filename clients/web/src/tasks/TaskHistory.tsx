import type { TaskHistoryEntryDto } from "@taskorchestration/client";
import { useNames } from "../session/PeopleProvider";
import { describeHistory, formatDateTime } from "./labels";

/** The task's history, oldest first: who did what, and when. */
export function TaskHistory({ entries, onMore }: { entries: TaskHistoryEntryDto[]; onMore: (() => void) | null }) {
  const nameOf = useNames(entries.map((entry) => entry.actorId));
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="history" data-testid="history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> — {nameOf(entry.actorId)} {describeHistory(entry)}
          </li>
        ))}
      </ol>
      {onMore ? (
        <button type="button" className="secondary" onClick={onMore}>
          Show more history
        </button>
      ) : null}
    </section>
  );
}
