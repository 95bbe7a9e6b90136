import { join } from "node:path";
import { repoRoot } from "./apiHost";

/**
 * Where a run leaves what a person looks at afterwards: screenshots/, the API's log and the emails it sent (mail/). TestResults/ is git-ignored
 * and emptied at the start of each run.
 */
export const artifactsFolder = process.env.TASKORCH_E2E_ARTIFACTS ?? join(repoRoot, "TestResults/e2e");
