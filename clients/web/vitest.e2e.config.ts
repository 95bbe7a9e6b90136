import { defineConfig } from "vitest/config";

/**
 * The browser tests (e2e/): the real API and the built app in Debian's Chromium. One API for the run (globalSetup),
 * one file after another; a test waits for what people would see, up to its own timeout.
 */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/globalSetup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
