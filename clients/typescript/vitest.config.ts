import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The README's snippet imports the package by name (test/live/readme): here that is this package's source.
    alias: { "@taskorchestration/client": fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  test: {
    // Generating the clients with NSwag (the drift test) takes a few seconds on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      // Against a fetch that answers from a script: the auth hook, problems, the request shapes, drift, packaging.
      { extends: true, test: { name: "unit", include: ["test/*.test.ts"] } },
      // Against the real API (the Release build on the PostgreSQL server of TASKORCH_TEST_CONNECTION), started once
      // for the run by globalSetup; the files run one after another, on the same API.
      { extends: true, test: { name: "live", include: ["test/live/**/*.live.ts"], globalSetup: ["test/live/globalSetup.ts"], fileParallelism: false } },
    ],
  },
});
