import { ifMatch, type TaskDto, type TaskOrchestrationClient, type TaskTrigger } from "@taskorchestration/client";

/** The actions that ask for a few words first: what came of it, why it failed, why it is cancelled. */
export const reasons: Partial<Record<TaskTrigger, { label: string; confirm: string; required: boolean }>> = {
  complete: { label: "Result (optional)", confirm: "Complete the task", required: false },
  fail: { label: "Why did it fail?", confirm: "Mark as failed", required: true },
  cancel: { label: "Reason (optional)", confirm: "Cancel the task", required: false },
};

/**
 * Sends a lifecycle action, with If-Match set to the version shown (the API refuses with 412 when someone acted
 * first). `text` is the result, failure reason or cancel reason the action carries.
 */
export function sendAction(api: TaskOrchestrationClient, task: TaskDto, action: TaskTrigger, text: string): Promise<TaskDto> {
  const version = ifMatch(task);
  switch (action) {
    case "publish":
      return api.publishTask(task.id, version);
    case "take":
      return api.takeTask(task.id, version);
    case "complete":
      return api.completeTask(task.id, version, { result: text || null });
    case "fail":
      return api.failTask(task.id, version, { reason: text || null });
    case "release":
      return api.releaseTask(task.id, version);
    case "retry":
      return api.retryTask(task.id, version);
    case "cancel":
      return api.cancelTask(task.id, version, { reason: text || null });
    case "requeue":
      throw new Error("Only the engine requeues tasks.");
  }
}
