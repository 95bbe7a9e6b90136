import { join } from "node:path";
// The API is started the same way for the client's live suite and for these tests: one module, in the client package.
import { repoRoot } from "../../typescript/test/live/apiHost";

/**
 * Where a run leaves what a person looks at afterwards: screenshots/, the API's log and the emails it sent (mail/). TestResults/ is git-ignored
 * and emptied at the start of each run.
 */
export const artifactsFolder = process.env.TASKORCH_E2E_ARTIFACTS ?? join(repoRoot, "TestResults/e2e");
