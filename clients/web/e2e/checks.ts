import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** How long a live update may take to show: the outbox polls every 100 ms here; this only bounds a failure. */
export const live = { timeout: 20_000, interval: 200 };
/** How long an answer of the API may take to show (vitest's expect.poll gives up after 1 s by default). */
export const soon = { timeout: 15_000, interval: 100 };

/** Whether the element has the keyboard focus (polled: focus moves in an effect just after the render that shows it). */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Marks the page, so that a test can tell later that it was never reloaded (a reload forgets the mark). */
export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __notReloaded: true }));
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}

/** How many pixels the page is wider than the window (0 when nothing sticks out sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/** What the polite live region says now (the app announces what an action did there). */
export async function announced(page: Page): Promise<string> {
  return (await page.getByTestId("announcer").innerText()).trim();
}

/**
 * Picks a person in a person picker as someone at the keyboard would: types part of the name into the combobox
 * labelled `label`, waits for the person among the options, moves to them with the arrow keys, and presses Enter.
 */
export async function pickPerson(page: Page, label: string, displayName: string): Promise<void> {
  const combobox = page.getByRole("combobox", { name: label });
  await combobox.fill(displayName.slice(0, Math.max(3, displayName.length - 2)));
  const listbox = page.getByRole("listbox", { name: label });
  await listbox.getByRole("option", { name: displayName, exact: true }).waitFor();
  const names = await listbox.getByRole("option").allInnerTexts();
  for (let step = 0; step <= names.indexOf(displayName); step++) {
    await combobox.press("ArrowDown");
  }
  expect(await combobox.getAttribute("aria-activedescendant"), "the option reached by the arrow keys is the active one").toBe(
    await listbox.getByRole("option", { name: displayName, exact: true }).getAttribute("id"),
  );
  await combobox.press("Enter");
}
