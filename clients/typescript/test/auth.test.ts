import { describe, expect, it } from "vitest";
import { ApiException, Session, TaskOrchestrationClient, withAccessToken, type AccessTokenProvider } from "../src/index.js";
import { fakeFetch, json, problem } from "./fakeApi.js";

const base = "https://api.example.test";
const task = { id: "t1", title: "A task", status: "pending", version: 3 };

function tokens(first: string | null, renewed: string | null): AccessTokenProvider & { refreshes: number } {
  let current = first;
  return {
    refreshes: 0,
    accessToken() {
      return current;
    },
    async refresh() {
      this.refreshes++;
      current = renewed;
      return renewed;
    },
  };
}

describe("withAccessToken", () => {
  it("sends the current token as a bearer token", async () => {
    const api = fakeFetch(() => json(200, task));
    const client = new TaskOrchestrationClient(base, withAccessToken(tokens("abc", null), api.fetch));

    await client.getTask("t1");

    expect(api.requests[0].headers.get("Authorization")).toBe("Bearer abc");
    expect(api.requests[0].url).toBe(`${base}/api/v1/tasks/t1`);
  });

  it("refreshes once on 401 and sends the request again with the new token, body included", async () => {
    const api = fakeFetch((request) => (request.headers.get("Authorization") === "Bearer new" ? json(201, task) : problem(401, "unauthorized")));
    const provider = tokens("old", "new");
    const client = new TaskOrchestrationClient(base, withAccessToken(provider, api.fetch));

    const created = await client.createTask({ title: "A task" });

    expect(created.id).toBe("t1");
    expect(provider.refreshes).toBe(1);
    expect(api.requests.map((request) => request.headers.get("Authorization"))).toEqual(["Bearer old", "Bearer new"]);
    expect(api.requests[1].body).toBe(api.requests[0].body);
    expect(JSON.parse(api.requests[1].body ?? "{}")).toEqual({ title: "A task" });
  });

  it("gives up after one refresh: a second 401 reaches the caller", async () => {
    const api = fakeFetch(() => problem(401, "unauthorized"));
    const provider = tokens("old", "still-refused");
    const client = new TaskOrchestrationClient(base, withAccessToken(provider, api.fetch));

    const error = await client.getTask("t1").catch((caught: unknown) => caught);

    expect(ApiException.isApiException(error) && error.status).toBe(401);
    expect(provider.refreshes).toBe(1);
    expect(api.requests).toHaveLength(2);
  });

  it("does not send the request again when no new token can be had", async () => {
    const api = fakeFetch(() => problem(401, "unauthorized"));
    const client = new TaskOrchestrationClient(base, withAccessToken(tokens("old", null), api.fetch));

    await expect(client.getTask("t1")).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(1);
  });

  it("leaves other errors alone", async () => {
    const api = fakeFetch(() => problem(403, "forbidden"));
    const provider = tokens("abc", "new");
    const client = new TaskOrchestrationClient(base, withAccessToken(provider, api.fetch));

    await expect(client.getTask("t1")).rejects.toMatchObject({ status: 403 });
    expect(provider.refreshes).toBe(0);
  });
});

describe("Session", () => {
  function sessionApi() {
    let issued = 0;
    return fakeFetch((request) => {
      if (request.url.endsWith("/api/v1/auth/token")) {
        issued++;
        return json(200, { accessToken: `access-${issued}`, tokenType: "Bearer", expiresIn: 900, refreshToken: `refresh-${issued}`, refreshTokenExpiresIn: 1209600 });
      }
      if (request.url.endsWith("/api/v1/auth/refresh")) {
        const presented = JSON.parse(request.body ?? "{}").refreshToken as string;
        if (presented !== `refresh-${issued}`) {
          return problem(401, "refresh_token_reused");
        }
        issued++;
        return json(200, { accessToken: `access-${issued}`, tokenType: "Bearer", expiresIn: 900, refreshToken: `refresh-${issued}`, refreshTokenExpiresIn: 1209600 });
      }
      return request.headers.get("Authorization") === `Bearer access-${issued}` ? json(200, task) : problem(401, "unauthorized");
    });
  }

  it("signs in, then rotates both tokens when the access token is refused, and reports each change", async () => {
    const api = sessionApi();
    const changes: unknown[] = [];
    const session = new Session(base, { fetch: api.fetch, onTokensChanged: (next) => changes.push(next) });

    await session.signIn("ada@example.com", "correct-horse-battery");
    const stale = session.accessToken();
    await session.refresh();
    await session.client.getTask("t1");

    expect(stale).toBe("access-1");
    expect(session.accessToken()).toBe("access-2");
    expect(changes).toEqual([
      { accessToken: "access-1", refreshToken: "refresh-1" },
      { accessToken: "access-2", refreshToken: "refresh-2" },
    ]);
  });

  it("shares one refresh between concurrent refused requests", async () => {
    const api = sessionApi();
    const session = new Session(base, { fetch: api.fetch, tokens: { accessToken: "expired", refreshToken: "refresh-0" } });

    const results = await Promise.all([session.client.getTask("t1"), session.client.getTask("t1"), session.client.getTask("t1")]);

    expect(results.map((result) => result.id)).toEqual(["t1", "t1", "t1"]);
    expect(api.requests.filter((request) => request.url.endsWith("/auth/refresh"))).toHaveLength(1);
  });

  it("ends the session when the refresh token is refused", async () => {
    const api = sessionApi();
    const changes: unknown[] = [];
    const session = new Session(base, { fetch: api.fetch, tokens: { accessToken: "expired", refreshToken: "stolen" }, onTokensChanged: (next) => changes.push(next) });

    await expect(session.client.getTask("t1")).rejects.toMatchObject({ status: 401 });

    expect(session.isSignedIn).toBe(false);
    expect(changes).toEqual([null]);
  });
});
