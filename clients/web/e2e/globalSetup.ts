import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { artifactsFolder } from "./artifacts";
import { startApi } from "./apiHost";

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

/** One API for the whole run, started before the first test and stopped after the last. */
export default async function setup(project: TestProject) {
  rmSync(artifactsFolder, { recursive: true, force: true });
  mkdirSync(join(artifactsFolder, "screenshots"), { recursive: true });
  const api = await startApi(join(artifactsFolder, "api.log"), join(artifactsFolder, "mail"));
  project.provide("apiUrl", api.baseUrl);
  project.provide("adminEmail", api.adminEmail);
  project.provide("adminPassword", api.adminPassword);
  return () => api.stop();
}
