import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { artifactsFolder } from "./artifacts";
import { startApi } from "../../typescript/test/live/apiHost";

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
  const api = await startApi({
    purpose: "e2e",
    webApp: resolve(dirname(fileURLToPath(import.meta.url)), "../dist"),
    logFile: join(artifactsFolder, "api.log"),
    mailFolder: join(artifactsFolder, "mail"),
  });
  project.provide("apiUrl", api.baseUrl);
  project.provide("adminEmail", api.adminEmail);
  project.provide("adminPassword", api.adminPassword);
  return () => api.stop();
}
