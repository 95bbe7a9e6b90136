import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageFolder = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const app = mkdtempSync(join(tmpdir(), "taskorch-client-package-"));
afterAll(() => rmSync(app, { recursive: true, force: true }));

/** Runs a script in node from a folder where the package is installed from its tarball, as an app would have it. */
function nodeIn(folder: string, args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, args, { cwd: folder, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

const listExports = "Object.keys(client).sort().join(',')";

/**
 * The package as `npm pack` ships it (built with `npm run build`) works from both module systems: `import` gets the
 * ES modules, `require` the CommonJS build, through the `exports` conditions of package.json.
 */
describe("the packed package", () => {
  beforeAll(() => {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: packageFolder, stdio: "pipe" });
    execFileSync("npm", ["pack", "--silent", "--pack-destination", app], { cwd: packageFolder, stdio: "pipe" });
    const tarball = readdirSync(app).find((name) => name.endsWith(".tgz"))!;
    const installed = join(app, "node_modules/@taskorchestration/client");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", join(app, tarball), "-C", installed, "--strip-components=1"]);
  });

  it("can be required from CommonJS, with the same exports as the ES modules", () => {
    const required = nodeIn(app, ["-e", `const client = require("@taskorchestration/client"); console.log(${listExports});`]);
    const imported = nodeIn(app, ["--input-type=module", "-e", `const client = await import("@taskorchestration/client"); console.log(${listExports});`]);

    expect(required.status, required.output).toBe(0);
    expect(imported.status, imported.output).toBe(0);
    expect(required.output.trim().split(",")).toEqual(expect.arrayContaining(["TaskOrchestrationClient", "Session", "withAccessToken", "problemOf", "ApiException"]));
    expect(required.output).toBe(imported.output);
  });

  it("gives a required client's failures as typed problems", () => {
    // A refused call through the CommonJS build: its ApiException and problemOf work together.
    const script = `
      const { TaskOrchestrationClient, problemOf } = require("@taskorchestration/client");
      const answer = new Response(JSON.stringify({ status: 404, code: "task_not_found", traceId: "00-t" }), { status: 404, headers: { "content-type": "application/problem+json" } });
      new TaskOrchestrationClient("http://api.test", { fetch: async () => answer }).getTask("t1")
        .then(() => console.log("no error"), (error) => console.log(JSON.stringify(problemOf(error))));`;
    const run = nodeIn(app, ["-e", script]);

    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.output)).toMatchObject({ status: 404, code: "task_not_found", traceId: "00-t" });
  });
});
