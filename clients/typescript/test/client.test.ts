import { describe, expect, it } from "vitest";
import { TaskOrchestrationClient } from "../src/index.js";
import { fakeFetch, json } from "./fakeApi.js";

const base = "https://api.example.test";

describe("the generated client", () => {
  it("takes the optional query parameters as one object and sends them as repeated query parameters, by their API names", async () => {
    const api = fakeFetch(() => json(200, { items: [], page: 1, pageSize: 20, hasMore: false, totalCount: null, nextCursor: null }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    const page = await client.listTasks({ status: ["pending", "running"], priority: ["high"], search: "report", tag: ["bug", "ui"] });

    const url = new URL(api.requests[0].url);
    expect(url.pathname).toBe("/api/v1/tasks");
    expect(url.searchParams.getAll("status")).toEqual(["pending", "running"]);
    expect(url.searchParams.getAll("priority")).toEqual(["high"]);
    expect(url.searchParams.getAll("tag")).toEqual(["bug", "ui"]);
    expect(url.searchParams.get("search")).toBe("report");
    expect([...url.searchParams.keys()].sort()).toEqual(["priority", "search", "status", "status", "tag", "tag"]);
    expect(page.hasMore).toBe(false);
  });

  it("sends no query string when the query object is left out", async () => {
    const api = fakeFetch(() => json(200, { items: [], page: 1, pageSize: 20, hasMore: false, totalCount: null, nextCursor: null }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    await client.listTasks();

    expect(api.requests[0].url).toBe(`${base}/api/v1/tasks`);
  });

  it("posts JSON bodies and sends the Idempotency-Key header", async () => {
    const api = fakeFetch(() => json(201, { id: "t1", title: "Import", status: "pending" }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    await client.createTask({ title: "Import", kind: "system.noop", maxAttempts: 5 }, "key-1");

    expect(api.requests[0].method).toBe("POST");
    expect(api.requests[0].headers.get("Content-Type")).toBe("application/json");
    expect(api.requests[0].headers.get("Idempotency-Key")).toBe("key-1");
    expect(JSON.parse(api.requests[0].body ?? "{}")).toEqual({ title: "Import", kind: "system.noop", maxAttempts: 5 });
  });

  // The README's createTask({ title, priority }) used to send `Idempotency-Key: ""`, which the API refused.
  it.each([
    ["createTask without a key sends no Idempotency-Key", (client: TaskOrchestrationClient) => client.createTask({ title: "Import" }), "Idempotency-Key"],
    ["takeTask without a version sends no If-Match", (client: TaskOrchestrationClient) => client.takeTask("t1"), "If-Match"],
  ])("%s header", async (_, call, header) => {
    const api = fakeFetch(() => json(200, { id: "t1", title: "Import", status: "pending" }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    await call(client).catch(() => undefined);

    expect(api.requests[0].headers.has(header)).toBe(false);
  });
});
