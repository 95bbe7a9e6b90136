import { Session, problemOf, fieldErrors, ifMatch } from "@taskorchestration/client";

const session = new Session("https://tasks.example.com", {
  tokens: JSON.parse(localStorage.getItem("tokens") ?? "null"),          // go on with an earlier session
  onTokensChanged: (tokens) => localStorage.setItem("tokens", JSON.stringify(tokens)),
});
await session.signIn("ada@example.com", "correct-horse-battery");
const api = session.client;                                              // every call carries the token; a 401 refreshes once
const task = await api.createTask({ title: "Write the release notes", priority: "high" });
try {
  await api.takeTask(task.id, ifMatch(task));                            // If-Match: the version you read
} catch (error) {
  const problem = problemOf(error);                                      // { status, code: "task_already_taken", traceId, … }
  const byField = fieldErrors(error);                                    // { title: ["…"] } for validation_failed
}
