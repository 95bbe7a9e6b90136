import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, "../../..");

/**
 * The repository's CI workflow (.github/workflows/ci.yml) is valid against GitHub's workflow schema, checked offline by
 * action-validator (SchemaStore's schema, bundled). It lives in this package because this is the repository's Node
 * suite that needs no browser; the workflow's content (what it installs, caches and runs) is held by the .NET
 * architecture tests (ContinuousIntegrationTests). Dependabot's file has no schema here: those tests read it.
 */
describe("the CI workflow", () => {
  it("is valid against the GitHub Actions workflow schema", () => {
    const run = spawnSync(join(here, "../node_modules/.bin/action-validator"), [".github/workflows/ci.yml"], {
      cwd: repository,
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
