import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { artifactsFolder } from "./artifacts";

/**
 * Debian's Chromium, driven by playwright-core (no browser is downloaded), with a fresh profile that Playwright
 * makes for this launch and deletes after it. As root it needs --no-sandbox; the other flags keep it from reaching
 * for the network, which this machine and CI do not have.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.TASKORCH_E2E_CHROMIUM ?? "/usr/bin/chromium", headless: true, args: chromiumArguments });
}

const chromiumArguments = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A person at their own browser: a context of their own (cookies, storage), one page. */
export interface Person {
  context: BrowserContext;
  page: Page;
}

export async function newPerson(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: "en-GB", timezoneId: "UTC" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  // A browser error is a test failure waiting to be noticed: print it next to the test's own output.
  page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsFolder, "screenshots", `${name}.png`), fullPage: true });
}
