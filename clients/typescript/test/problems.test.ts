import { describe, expect, it } from "vitest";
import { TaskOrchestrationClient, fieldErrors, ifMatch, problemOf } from "../src/index.js";
import { fakeFetch, problem } from "./fakeApi.js";

const base = "https://api.example.test";

describe("problems", () => {
  it("a validation problem is typed, with its code, trace id and field errors", async () => {
    const api = fakeFetch(() => problem(400, "validation_failed", { title: ["'Title' must not be empty."] }));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    const error = await client.createTask({ title: "" }).catch((caught: unknown) => caught);

    expect(problemOf(error)).toMatchObject({ status: 400, code: "validation_failed", traceId: "00-trace" });
    expect(fieldErrors(error)).toEqual({ title: ["'Title' must not be empty."] });
  });

  it("a conflict's code tells what went wrong", async () => {
    const api = fakeFetch(() => problem(409, "task_already_taken"));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    const error = await client.takeTask("t1").catch((caught: unknown) => caught);

    expect(problemOf(error)?.code).toBe("task_already_taken");
    expect(fieldErrors(error)).toEqual({});
  });

  it("an error that is not an answer of the API has no problem", () => {
    expect(problemOf(new TypeError("Failed to fetch"))).toBeNull();
    expect(fieldErrors("nothing")).toEqual({});
  });

  it("If-Match carries the version read, as the ETag does", async () => {
    const api = fakeFetch(() => problem(412, "precondition_failed"));
    const client = new TaskOrchestrationClient(base, { fetch: api.fetch });

    const error = await client.takeTask("t1", ifMatch({ version: 42 })).catch((caught: unknown) => caught);

    expect(api.requests[0].headers.get("If-Match")).toBe('"42"');
    expect(problemOf(error)?.code).toBe("precondition_failed");
    expect(() => ifMatch({})).toThrow();
  });
});
