import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** An operation of clients/openapi.json: how to recognise its requests, and which of its arguments are optional. */
export interface DocumentedOperation {
  id: string;
  method: string;
  path: RegExp;
  /** Optional query and header parameters by name, and "body" when the request body is optional. */
  optional: string[];
}

/** One request the client sent, as the operation it was and the optional arguments it carried. */
export interface RecordedCall {
  operationId: string;
  optionalSent: string[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean };
}

const documentFile = resolve(dirname(fileURLToPath(import.meta.url)), "../../../openapi.json");

/** Every operation of the document the clients are generated from. */
export function documentedOperations(): DocumentedOperation[] {
  const document = JSON.parse(readFileSync(documentFile, "utf8")) as { paths: Record<string, Record<string, Operation>> };
  const operations: DocumentedOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const optional = (operation.parameters ?? []).filter((p) => !p.required && (p.in === "query" || p.in === "header")).map((p) => p.name);
      if (operation.requestBody && operation.requestBody.required !== true) {
        optional.push("body");
      }
      const pattern = path.replace(/\{[^}]+\}/g, "[^/]+");
      operations.push({ id: operation.operationId, method: method.toUpperCase(), path: new RegExp(`^${pattern}$`), optional });
    }
  }
  // A literal segment wins over a parameter (/users/me before /users/{id}): the most literal characters first.
  const literal = (operation: DocumentedOperation) => operation.path.source.replace(/\[\^\/\]\+/g, "").length;
  return operations.sort((a, b) => literal(b) - literal(a));
}

/**
 * A fetch that sends through another and records, for each request, the documented operation it was and which of
 * that operation's optional arguments it carried: so that a test can tell every operation was called, with and
 * without its optional arguments.
 */
export class RequestRecorder {
  readonly calls: RecordedCall[] = [];
  private readonly operations = documentedOperations();

  constructor(private readonly send: typeof fetch = globalThis.fetch.bind(globalThis)) {}

  readonly fetch: typeof fetch = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const operation = this.operations.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
    if (operation) {
      const headers = new Headers(init?.headers);
      const sent = operation.optional.filter((name) =>
        name === "body" ? typeof init?.body === "string" : url.searchParams.has(name) || headers.has(name),
      );
      this.calls.push({ operationId: operation.id, optionalSent: sent });
    }
    return this.send(input, init);
  };

  callsOf(operationId: string): RecordedCall[] {
    return this.calls.filter((call) => call.operationId === operationId);
  }
}
