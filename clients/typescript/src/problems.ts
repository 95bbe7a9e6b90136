import { ApiException, type HttpValidationProblemDetails } from "./generated/client.js";

/**
 * An RFC 9457 problem as the API answers every error: `status`, `title`, `detail`, a stable `code`
 * ("validation_failed", "task_already_taken", …), the `traceId`, and for validation errors `errors` (field → messages).
 */
export type Problem = HttpValidationProblemDetails & { status: number; code: string };

/** The problem behind a failed call, or null when the error is not an answer of the API (a network failure, say). */
export function problemOf(error: unknown): Problem | null {
  if (!ApiException.isApiException(error)) {
    return null;
  }
  const body: unknown = error.result ?? parse(error.response);
  if (typeof body === "object" && body !== null && "code" in body && typeof (body as { code: unknown }).code === "string") {
    return { ...(body as HttpValidationProblemDetails), status: error.status, code: (body as { code: string }).code };
  }
  return null;
}

/** The messages of a validation problem by field (camelCase, as in the request), empty for any other error. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  return problemOf(error)?.errors ?? {};
}

/** The If-Match value that makes a change apply only to the version you read (412 otherwise). */
export function ifMatch(resource: { version?: number }): string {
  if (resource.version === undefined) {
    throw new Error("The resource has no version to match.");
  }
  return `"${resource.version}"`;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
