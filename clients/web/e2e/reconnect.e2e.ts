import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Locator, Page, WebSocketRoute } from "playwright-core";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { live, markNoReload, soon, wasNotReloaded } from "./checks";
import { createAccount, signInThroughTheApp, type Account } from "./people";

/**
 * The hub out of reach for longer than SignalR's automatic reconnection tries (0, 2, 10 and 30 s, then it gives up):
 * the app keeps trying on its own, so other people's changes show again without a reload. The page runs on
 * Playwright's clock, which the test moves ahead instead of waiting those minutes (time still flows meanwhile).
 */

let browser: Browser;
let manager: Account;
let member: Account;
const opened: Person[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  [manager, member] = await Promise.all([createAccount("Pia", "manager"), createAccount("Raj")]);
});

afterAll(async () => {
  await Promise.all(opened.map((person) => person.context.close()));
  await browser?.close();
});

/** The hub, as the page reaches it, switched off and on: off, the open connection drops and every try is refused. */
interface HubSwitch {
  goDown(): Promise<void>;
  comeBack(): void;
  /** How many tries to connect were refused while it was down. */
  refusedTries(): number;
}

async function switchableHub(page: Page): Promise<HubSwitch> {
  let down = false;
  let refused = 0;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  // Every connection starts with a negotiation over HTTP (and stops there when it fails, whatever the transport).
  await page.route(/\/hubs\/tasks\/negotiate/, (route) => {
    if (down) {
      refused++;
      return route.abort("connectionrefused");
    }
    return route.continue();
  });
  await page.routeWebSocket(/\/hubs\/tasks(\?|$)/, (socket) => {
    const server = socket.connectToServer();
    open.add({ page: socket, server });
  });
  return {
    async goDown() {
      down = true;
      for (const connection of open) {
        await connection.page.close({ code: 1001, reason: "The hub went away (e2e)." });
        await connection.server.close();
      }
      open.clear();
    },
    comeBack() {
      down = false;
    },
    refusedTries: () => refused,
  };
}

/** Moves the page's clock ahead step by step until `status` says `expected`; fails when it never does. */
async function advanceUntil(page: Page, status: Locator, expected: string, step: number, maxSteps: number): Promise<void> {
  for (let steps = 0; steps < maxSteps; steps++) {
    if ((await status.innerText()) === expected) {
      return;
    }
    await page.clock.fastForward(step);
    // What the timers started (a refused try, a connection) takes a moment of real time to finish.
    await new Promise((wait) => setTimeout(wait, 150));
  }
  expect(await status.innerText(), `after ${(step * maxSteps) / 1000} s on the page's clock`).toBe(expected);
}

/**
 * Pia adds a task while Raj's connection is down, and waits until her own page, connected all along, shows it: then
 * the hub has sent its message, and Raj has missed it for certain (it is not replayed).
 */
async function addTaskWhileRajIsOffline(pia: Page, title: string): Promise<void> {
  await manager.api.createTask({ title }, crypto.randomUUID());
  await pia.getByTestId("task-list").getByRole("link", { name: title }).waitFor({ timeout: live.timeout });
}

test("after automatic reconnection gives up, the app keeps connecting again: by itself with a backoff, and at once when the browser is back online", async () => {
  const [raj, pia] = await Promise.all([newPerson(browser, inject("apiUrl")), newPerson(browser, inject("apiUrl"))]);
  opened.push(raj, pia);
  const { page } = raj;
  await page.clock.install();
  const hub = await switchableHub(page);
  await Promise.all([signInThroughTheApp(page, member), signInThroughTheApp(pia.page, manager)]);
  const status = page.getByTestId("live-status");
  await expect.poll(() => status.innerText(), soon).toBe("Live");
  await markNoReload(page);
  const taskList = page.getByTestId("task-list");

  // The hub goes away. SignalR reconnects for about 42 s, then gives up.
  await hub.goDown();
  await expect.poll(() => status.innerText(), soon).toBe("Reconnecting…");
  await advanceUntil(page, status, "Offline: trying again soon", 5_000, 20);
  await screenshot(page, "13-offline");
  const whileOffline = `Added while Raj was offline ${Date.now()}`;
  await addTaskWhileRajIsOffline(pia.page, whileOffline);

  // The hub is back: within the longest wait between tries (60 s, give or take a quarter) the app connects again
  // and reads the list again, which brings the task it was not told about.
  hub.comeBack();
  await advanceUntil(page, status, "Live", 5_000, 16);
  await taskList.getByRole("link", { name: whileOffline }).waitFor({ timeout: live.timeout });
  // And new changes arrive live again.
  const afterwards = `Added once Raj was back ${Date.now()}`;
  await manager.api.createTask({ title: afterwards }, crypto.randomUUID());
  await taskList.getByRole("link", { name: afterwards }).waitFor({ timeout: live.timeout });

  // Down again, long enough for the app's own tries to be a minute apart.
  await hub.goDown();
  await expect.poll(() => status.innerText(), soon).toBe("Reconnecting…");
  await advanceUntil(page, status, "Offline: trying again soon", 5_000, 20);
  const refusedBefore = hub.refusedTries();
  for (let tries = 1; tries <= 4; tries++) {
    await page.clock.fastForward(75_000);
    await expect.poll(() => hub.refusedTries(), soon).toBe(refusedBefore + tries);
  }
  const whileOfflineAgain = `Added while Raj was offline again ${Date.now()}`;
  await addTaskWhileRajIsOffline(pia.page, whileOfflineAgain);

  // The browser says it is online again: the app connects now, not at its next try 45 to 75 s away (the clock is
  // not moved ahead any more, and the wait below is shorter than that).
  hub.comeBack();
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(() => status.innerText(), { timeout: 10_000, interval: 100 }).toBe("Live");
  await taskList.getByRole("link", { name: whileOfflineAgain }).waitFor({ timeout: live.timeout });
  expect(await wasNotReloaded(page)).toBe(true);
});
