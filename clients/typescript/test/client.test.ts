import { describe, expect, it } from "vitest";
import { TaskOrchestrationClient } from "../src/index.js";
import { fakeFetch, json } from "./fakeApi.js";

const base = "https://api.example.test";

describe("the generated client", () => {
  it("sends list filters as repeated query parameters, by their API names", async () => {
    const api = fakeFetch(() => json(200, { items: [], page: 1, pageSize: 20, hasMore: false, totalCount: null, nextCursor: null }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    const page = await client.listTasks(["pending", "running"], ["high"], undefined, undefined, "report", undefined, undefined, undefined, ["bug", "ui"]);

    const url = new URL(api.requests[0].url);
    expect(url.pathname).toBe("/api/v1/tasks");
    expect(url.searchParams.getAll("status")).toEqual(["pending", "running"]);
    expect(url.searchParams.getAll("priority")).toEqual(["high"]);
    expect(url.searchParams.getAll("tag")).toEqual(["bug", "ui"]);
    expect(url.searchParams.get("search")).toBe("report");
    expect(page.hasMore).toBe(false);
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
});
