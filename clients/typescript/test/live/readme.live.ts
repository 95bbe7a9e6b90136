import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./apiHost.js";
import { World } from "./world.js";

const snippetFile = join(dirname(fileURLToPath(import.meta.url)), "readme/usage.ts");
/** Where the README's snippet sends its requests; the test's fetch sends them to the live API instead. */
const readmeOrigin = "https://tasks.example.com";

/** The ```ts blocks of the README's "Call it from code" section. */
function readmeSnippets(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("## Call it from code");
  if (start < 0) throw new Error('README.md has no "## Call it from code" section.');
  const section = readme.slice(start + 1);
  const end = section.indexOf("\n## ");
  return [...(end < 0 ? section : section.slice(0, end)).matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/**
 * The README's first TypeScript snippet is test/live/readme/usage.ts, character for character (so the type check
 * covers it), and runs as written against the live API: Ada signs in, creates a task without an Idempotency-Key and
 * takes it with If-Match, and the session's tokens are stored.
 */
describe("the README's TypeScript snippet", () => {
  const world = new World();
  const stored = new Map<string, string>();
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    await world.anonymous().registerUser({ email: "ada@example.com", password: "correct-horse-battery", displayName: "Ada" });
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      realFetch(String(input instanceof Request ? input.url : input).replace(readmeOrigin, world.baseUrl), init)) as typeof fetch;
    Object.assign(globalThis, {
      localStorage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) },
    });
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
    Reflect.deleteProperty(globalThis, "localStorage");
  });

  it("is test/live/readme/usage.ts", () => {
    expect(readmeSnippets()[0]).toBe(readFileSync(snippetFile, "utf8"));
  });

  it("runs against the live API as written", async () => {
    await import("./readme/usage.js");

    const ada = await world.signIn("ada@example.com", "correct-horse-battery");
    const { items } = await ada.api.listTasks({ createdBy: ada.user.id });
    expect(items).toEqual([expect.objectContaining({ title: "Write the release notes", status: "running", priority: "high", ownerId: ada.user.id })]);
    expect(JSON.parse(stored.get("tokens") ?? "null")).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
  });
});
