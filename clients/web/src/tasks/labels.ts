import type { TaskHistoryEntryDto, TaskItemStatus, TaskPriority, TaskTrigger } from "@taskorchestration/client";

export const statusLabels: Record<TaskItemStatus, string> = {
  draft: "Draft",
  pending: "Pending",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const priorityLabels: Record<TaskPriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  critical: "Critical",
};

export const statuses = Object.keys(statusLabels) as TaskItemStatus[];
export const priorities = Object.keys(priorityLabels) as TaskPriority[];

/** The buttons for the lifecycle actions a person can be offered (`requeue` is the engine's alone). */
export const actionLabels: Partial<Record<TaskTrigger, string>> = {
  publish: "Publish",
  take: "Take",
  complete: "Complete",
  fail: "Fail",
  release: "Release",
  retry: "Retry",
  cancel: "Cancel task",
};

/** What was announced after an action succeeded. */
export const actionDone: Partial<Record<TaskTrigger, string>> = {
  publish: "Task published.",
  take: "You took the task.",
  complete: "Task completed.",
  fail: "Task marked as failed.",
  release: "Task released.",
  retry: "Task put back to pending.",
  cancel: "Task cancelled.",
};

export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—";
}

/** A datetime-local input's value for an ISO date (local time, to the minute), and back. */
export function toLocalInput(iso: string | null): string {
  if (!iso) {
    return "";
  }
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

const transitionVerbs: Record<TaskTrigger, string> = {
  publish: "published",
  take: "took",
  complete: "completed",
  fail: "failed",
  release: "released",
  retry: "retried",
  requeue: "requeued",
  cancel: "cancelled",
};

export function describeHistory(entry: TaskHistoryEntryDto): string {
  switch (entry.kind) {
    case "transitioned": {
      const to = entry.to ? statusLabels[entry.to] : "?";
      if (!entry.from) {
        return `created the task (${to})`;
      }
      const verb = entry.trigger ? transitionVerbs[entry.trigger] : "changed";
      return `${verb} the task: ${statusLabels[entry.from]} → ${to}${entry.reason ? ` (${entry.reason})` : ""}`;
    }
    case "edited":
      return `edited ${entry.changes.map((change) => `${change.field}: “${change.oldValue ?? ""}” → “${change.newValue ?? ""}”`).join("; ")}`;
    case "assigned":
      return "changed the assignees";
    case "tagged":
      return `changed the tags${entry.changes.length > 0 ? `: ${entry.changes.map((change) => `${change.oldValue ?? "none"} → ${change.newValue ?? "none"}`).join("; ")}` : ""}`;
    case "commented":
      return "commented";
    case "commentEdited":
      return "edited a comment";
    case "commentDeleted":
      return "deleted a comment";
    case "archived":
      return "archived the task";
    case "unarchived":
      return "restored the task";
    case "overdue":
      return "flagged the task overdue";
  }
}
