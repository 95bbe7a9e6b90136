import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { Session } from "@taskorchestration/client";

/** Where the hub is: on the app's own origin, like the API (the Vite dev server proxies it, WebSockets included). */
const hubPath = "/hubs/tasks";

/** A connection to the hub (not started), that reconnects on its own after a lost connection. */
export function connectToHub(session: Session): HubConnection {
  return new HubConnectionBuilder()
    .withUrl(`${window.location.origin}${hubPath}`, { accessTokenFactory: () => freshAccessToken(session) })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.None)
    .build();
}

/**
 * The hub is given a token when it connects or reconnects, and nothing refreshes it on a 401 there as the API
 * client does: so an access token about to expire is traded for a new one first.
 */
async function freshAccessToken(session: Session): Promise<string> {
  const token = session.accessToken();
  if (token && !expiresWithin(token, 30)) {
    return token;
  }
  return (await session.refresh()) ?? "";
}

function expiresWithin(jwt: string, seconds: number): boolean {
  try {
    const payload = JSON.parse(atob(jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return payload.exp === undefined || payload.exp * 1000 - Date.now() < seconds * 1000;
  } catch {
    return true;
  }
}
