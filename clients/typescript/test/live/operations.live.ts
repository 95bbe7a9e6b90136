import { describe, expect, it } from "vitest";
import { documentedOperations } from "./recorder.js";
import { accountScenarios } from "./scenarios/account.js";
import { collaborationScenarios } from "./scenarios/collaboration.js";
import { operatingScenarios } from "./scenarios/operating.js";
import type { Scenario } from "./scenarios/scenario.js";
import { taskScenarios } from "./scenarios/tasks.js";
import { World } from "./world.js";

const scenarios: Record<string, Scenario> = { ...accountScenarios, ...taskScenarios, ...collaborationScenarios, ...operatingScenarios };
const operations = documentedOperations().sort((a, b) => a.id.localeCompare(b.id));
const world = new World();

/**
 * Every operation of clients/openapi.json, called through the generated client against the real API: each at
 * least once without its optional arguments and once with every one of them (as the requests it sent show), its
 * typed result or typed problem checked by its scenario. An operation added to the API without a scenario here
 * fails its own case.
 */
describe("every operation, against the live API", () => {
  it.each(operations)("$id", async (operation) => {
    const scenario = scenarios[operation.id];
    expect(scenario, `${operation.id} has no live scenario: add one to test/live/scenarios`).toBeDefined();
    const before = world.recorder.calls.length;

    await scenario(world);

    const calls = world.recorder.calls.slice(before).filter((call) => call.operationId === operation.id);
    expect(calls.length, `the scenario never called ${operation.id}`).toBeGreaterThan(0);
    if (operation.optional.length > 0) {
      expect(calls.some((call) => call.optionalSent.length === 0), `${operation.id} was never called without its optional arguments`).toBe(true);
      const sent = new Set(calls.flatMap((call) => call.optionalSent));
      expect(operation.optional.filter((name) => !sent.has(name)), `${operation.id}'s optional arguments never sent`).toEqual([]);
    }
  });

  it("has a scenario only for operations the document has", () => {
    expect(Object.keys(scenarios).filter((id) => !operations.some((operation) => operation.id === id))).toEqual([]);
  });
});
