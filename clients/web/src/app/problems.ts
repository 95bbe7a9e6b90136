import { fieldErrors, problemOf } from "@taskorchestration/client";

/**
 * What to tell a person about a failed call, by the problem's stable `code` (docs/api.md: every error is
 * application/problem+json with a `code`). Codes not listed here fall back to the API's own `detail`.
 */
const explanations: Record<string, string> = {
  precondition_failed:
    "Someone changed this task after you opened it, so your change was not applied. The latest version is shown now: check it, then try again.",
  concurrency_conflict:
    "Someone changed this task at the same moment, so your change was not applied. The latest version is shown now: check it, then try again.",
  task_already_taken: "Someone else took this task first.",
  invalid_transition: "This task has moved on since you opened it, so that action no longer applies. The latest version is shown now.",
  not_assignee: "This task is assigned to other people: only they can take it.",
  not_owner: "Only the person who took this task can do that.",
  not_creator_or_manager: "Only the task's creator, a manager or an admin can do that.",
  not_author: "Only the comment's author can edit it.",
  not_author_or_moderator: "Only the comment's author, a manager or an admin can delete it.",
  role_required: "Your role does not allow this.",
  task_archived: "This task is archived: restore it before changing it.",
  invalid_credentials: "The email or password is wrong, or the account is locked or deactivated.",
  webhook_url_not_allowed: "This address is not on the list of addresses automated webhook tasks may call.",
  database_unavailable: "The service is briefly unavailable. Try again in a moment.",
  too_many_requests: "Too many attempts. Wait a minute, then try again.",
  not_found: "It does not exist, or you may not see it.",
  unauthorized: "Your session has ended. Sign in again.",
  forbidden: "You may not do this.",
};

/** What to tell a person about a problem `code` the API would answer, for example a task's `refusedActions` entry. */
export function explainCode(code: string): string {
  return explanations[code] ?? "You may not do this.";
}

export function explainProblem(error: unknown): string {
  const problem = problemOf(error);
  if (problem) {
    const messages = Object.values(problem.errors ?? {}).flat();
    if (problem.code === "validation_failed" && messages.length > 0) {
      return messages.join(" ");
    }
    return explanations[problem.code] ?? problem.detail ?? problem.title ?? `The server answered ${problem.status}.`;
  }
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when no answer came at all.
    return "The server could not be reached. Check your connection, then try again.";
  }
  return "Something went wrong. Try again.";
}

/** Whether the task shown is now out of date and should be read again (a 409 or 412 answer). */
export function isStale(error: unknown): boolean {
  const status = problemOf(error)?.status;
  return status === 409 || status === 412;
}

/** A failed form submission: messages by field (as the request names them), and the one message for the rest. */
export interface FormProblem {
  fields: Record<string, string[]>;
  message: string;
  /** The form was filled from a version that is no longer the latest (409/412). */
  stale: boolean;
}

export function formProblem(error: unknown): FormProblem {
  return { fields: fieldErrors(error), message: explainProblem(error), stale: isStale(error) };
}
