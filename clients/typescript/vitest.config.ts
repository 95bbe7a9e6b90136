import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generating the clients with NSwag (the drift test) takes a few seconds on a busy machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
