import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot, startApi } from "./apiHost.js";

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

/** Where the live suite leaves the API's log and the emails it sent (git-ignored). */
const artifacts = join(repoRoot, "TestResults/typescript-client-live");

/** One API for the whole live suite, started before its first test and stopped after its last. */
export default async function setup(project: TestProject) {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const api = await startApi({
    logFile: join(artifacts, "api.log"),
    mailFolder: join(artifacts, "mail"),
    purpose: "client_live",
    // The webhook scenarios register http://127.0.0.1 receivers (nothing listens: only the API's answers matter).
    settings: { Webhooks__AllowPrivateNetworks: "true" },
  });
  project.provide("apiUrl", api.baseUrl);
  project.provide("adminEmail", api.adminEmail);
  project.provide("adminPassword", api.adminPassword);
  return () => api.stop();
}
