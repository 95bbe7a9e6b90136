import type { TaskDto, TaskItemStatus, TaskTrigger } from "@taskorchestration/client";
import { statusLabels } from "./labels";

/**
 * The steps of the task lifecycle people take, as moves between the board's columns (the API declares them once, in
 * TaskLifecycle; `allowedActions` says which of them this person may take on this task now). The engine's requeue
 * is not a person's move.
 */
const steps: { from: TaskItemStatus; trigger: TaskTrigger; to: TaskItemStatus }[] = [
  { from: "draft", trigger: "publish", to: "pending" },
  { from: "draft", trigger: "cancel", to: "cancelled" },
  { from: "pending", trigger: "take", to: "running" },
  { from: "pending", trigger: "cancel", to: "cancelled" },
  { from: "running", trigger: "complete", to: "done" },
  { from: "running", trigger: "fail", to: "failed" },
  { from: "running", trigger: "release", to: "pending" },
  { from: "running", trigger: "cancel", to: "cancelled" },
  { from: "failed", trigger: "retry", to: "pending" },
];

export interface Move {
  trigger: TaskTrigger;
  to: TaskItemStatus;
}

/** The columns this person may move the task to now, and the action each move is. */
export function openMoves(task: TaskDto): Move[] {
  return steps.filter((step) => step.from === task.status && task.allowedActions.includes(step.trigger));
}

/** The action that moves a task from its column to `to`, whether or not this person may take it; null when none does. */
export function stepTo(task: TaskDto, to: TaskItemStatus): TaskTrigger | null {
  return steps.find((step) => step.from === task.status && step.to === to)?.trigger ?? null;
}

/** Why no single action moves the task to `to` (the API is asked only about moves the lifecycle has). */
export function noStepExplained(task: TaskDto, to: TaskItemStatus): string {
  if (task.status === "done" || task.status === "cancelled") {
    return `${statusLabels[task.status]} tasks are finished: they stay where they are.`;
  }
  const via = steps.filter((step) => step.from === task.status).map((step) => statusLabels[step.to]);
  return `A ${statusLabels[task.status].toLowerCase()} task cannot go straight to ${statusLabels[to]}: from here it goes to ${[...new Set(via)].join(", ")}.`;
}
