import { TaskOrchestrationClient, type AccessTokenDto } from "./generated/client.js";

/** What the generated client calls to send a request: `fetch`, or anything with its shape. */
export interface HttpFetch {
  fetch(url: RequestInfo, init?: RequestInit): Promise<Response>;
}

/** Where the access token comes from, and how a refused one is replaced. */
export interface AccessTokenProvider {
  /** The current access token, or null when signed out (the request then goes without one). */
  accessToken(): string | null | Promise<string | null>;
  /**
   * A new access token after the API refused the current one with 401, or null when none can be had (signed out,
   * or the session ended). Called at most once per refused request.
   */
  refresh(): Promise<string | null>;
}

/**
 * A fetch for the generated client that sends the provider's access token as `Authorization: Bearer …` and, when
 * the API answers 401, asks the provider for a new token once and sends the request again. A second 401 is given
 * to the caller as it is (the generated client throws an ApiException with status 401).
 */
export function withAccessToken(provider: AccessTokenProvider, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): HttpFetch {
  const send = (url: RequestInfo, init: RequestInit | undefined, token: string | null): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (token) {
      headers.set("Authorization", `Bearer ${token}`);
    }
    return fetchImpl(url, { ...init, headers });
  };

  return {
    async fetch(url, init) {
      const response = await send(url, init, await provider.accessToken());
      if (response.status !== 401) {
        return response;
      }
      const renewed = await provider.refresh();
      return renewed ? send(url, init, renewed) : response;
    },
  };
}

/** What a session keeps between page loads: the pair of tokens the API issued. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionOptions {
  /** The fetch to use (tests, server-side rendering); the global one by default. */
  fetch?: typeof fetch;
  /** Tokens kept from an earlier page load, to go on with that session. */
  tokens?: SessionTokens | null;
  /** Called whenever the tokens change (sign-in, refresh, sign-out): store them, or clear them on null. */
  onTokensChanged?: (tokens: SessionTokens | null) => void;
}

/**
 * A signed-in session against the API: signs in, keeps the access and refresh tokens, and trades the refresh token
 * for a new pair when the API refuses the access token (refresh tokens are single-use: each refresh rotates both).
 * Concurrent 401s share one refresh. When the refresh is refused the session ends (signed out).
 */
export class Session implements AccessTokenProvider {
  private tokens: SessionTokens | null;
  private pendingRefresh: Promise<string | null> | null = null;
  private readonly anonymous: TaskOrchestrationClient;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, private readonly options: SessionOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.tokens = options.tokens ?? null;
    this.anonymous = new TaskOrchestrationClient(baseUrl, { fetch: this.fetchImpl });
    this.client = new TaskOrchestrationClient(baseUrl, withAccessToken(this, this.fetchImpl));
  }

  /** The API client for this session: every call carries the access token and survives one expiry. */
  readonly client: TaskOrchestrationClient;

  get isSignedIn(): boolean {
    return this.tokens !== null;
  }

  async signIn(email: string, password: string): Promise<void> {
    this.keep(await this.anonymous.issueToken({ email, password }));
  }

  /** Ends the session on the server too (its refresh tokens stop working), then forgets the tokens. */
  async signOut(): Promise<void> {
    try {
      if (this.tokens) {
        await this.client.logout();
      }
    } finally {
      this.forget();
    }
  }

  accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  refresh(): Promise<string | null> {
    this.pendingRefresh ??= this.renew().finally(() => {
      this.pendingRefresh = null;
    });
    return this.pendingRefresh;
  }

  private async renew(): Promise<string | null> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) {
      return null;
    }
    try {
      const issued = await this.anonymous.refreshToken({ refreshToken });
      this.keep(issued);
      return issued.accessToken;
    } catch {
      // Expired, revoked or reused: this session is over.
      this.forget();
      return null;
    }
  }

  private keep(issued: AccessTokenDto): void {
    this.tokens = { accessToken: issued.accessToken, refreshToken: issued.refreshToken };
    this.options.onTokensChanged?.(this.tokens);
  }

  private forget(): void {
    this.tokens = null;
    this.options.onTokensChanged?.(null);
  }
}
