import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const clients = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const out = mkdtempSync(join(tmpdir(), "taskorch-clients-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * The checked-in clients are exactly what NSwag generates from the checked-in OpenAPI document (clients/openapi.json,
 * which the API's functional tests compare with the document the API serves). Regenerate with build/generate-clients.sh.
 */
describe("the generated clients", () => {
  const run = spawnSync(
    join(clients, "typescript/node_modules/.bin/nswag"),
    ["run", "nswag.json", `/variables:TypeScriptOutput=${join(out, "client.ts")},CSharpOutput=${join(out, "TaskOrchestrationClient.cs")}`],
    { cwd: clients, encoding: "utf8" },
  );

  it("are generated without error", () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it.each([
    ["client.ts", "typescript/src/generated/client.ts"],
    ["TaskOrchestrationClient.cs", "csharp/Generated/TaskOrchestrationClient.cs"],
  ])("%s has not drifted from clients/openapi.json", (generated, checkedIn) => {
    expect(readFileSync(join(clients, checkedIn), "utf8"), `${checkedIn} differs from what clients/openapi.json generates: run build/generate-clients.sh`).toBe(
      readFileSync(join(out, generated), "utf8"),
    );
  });
});
