/** A fetch that answers from a script and records what it was asked, for testing the client without a server. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

export type Answer = (request: RecordedRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, contentType = "application/json"): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": contentType } });
}

export function problem(status: number, code: string, errors?: Record<string, string[]>): Response {
  return json(status, { type: "about:blank", title: "Refused", status, code, traceId: "00-trace", ...(errors ? { errors } : {}) }, "application/problem+json");
}

export function fakeFetch(answer: Answer): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: RecordedRequest = {
      url: typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : null,
    };
    requests.push(request);
    return answer(request);
  }) as typeof fetch;
  return { fetch: fetchImpl, requests };
}
