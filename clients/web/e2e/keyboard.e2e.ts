import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { announced, hasFocus, soon } from "./checks";
import { createAccount, signInThroughTheApp, type Account } from "./people";

/**
 * The app at the keyboard: quick create (c), j/k through the list and Enter to open, search as you type, shortcuts
 * that stay quiet while typing, empty states that say what to do, the focus ring only for keyboard users, and a
 * live region that covers nothing.
 */

let browser: Browser;
let member: Account;
const opened: Person[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  member = await createAccount("Uma");
});

afterAll(async () => {
  await Promise.all(opened.map((person) => person.context.close()));
  await browser?.close();
});

/** The outline the focused element shows ("none" when no ring is drawn). */
async function focusRing(locator: Locator): Promise<string> {
  return locator.evaluate((element) => (element === document.activeElement ? getComputedStyle(element).outlineStyle : "not focused"));
}

/** The controls the live region overlaps, if any (it is measured, and so is every visible control). */
async function controlsUnderTheLiveRegion(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const region = document.querySelector('[data-testid="announcer"]')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll<HTMLElement>("a, button, input, select, textarea, [tabindex]"))
      .filter((control) => control.dataset.testid !== "announcer" && control.getClientRects().length > 0)
      .filter((control) => {
        const box = control.getBoundingClientRect();
        return box.left < region.right && box.right > region.left && box.top < region.bottom && box.bottom > region.top;
      })
      .map((control) => control.outerHTML.slice(0, 80));
  });
}

test("at the keyboard: c creates a task from anywhere (not while typing), search follows the typing, j/k and Enter open a task; the focus ring shows for the keyboard only", async () => {
  const word = `kbd${randomBytes(4).toString("hex")}`;
  for (const number of [1, 2]) {
    await member.api.createTask({ title: `${word} errand ${number}` }, crypto.randomUUID());
  }
  const { page } = await newPersonPage();
  await signInThroughTheApp(page, member);
  const heading = page.getByRole("heading", { level: 1, name: "Tasks" });

  // Reached by a click (sign-in): the heading has the focus, without a ring.
  await expect.poll(() => focusRing(heading), soon).toBe("none");

  // Search as you type: the address and the list follow once the typing pauses; the keyboard stays in the box, and
  // a "c" typed there is a letter, not a shortcut.
  const search = page.getByLabel("Search titles and descriptions");
  const requests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/tasks" && url.searchParams.has("search")) {
      requests.push(url.searchParams.get("search")!);
    }
  });
  await search.pressSequentially(word, { delay: 20 });
  await page.waitForURL((url) => url.searchParams.get("search") === word);
  await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–2 of 2");
  expect(await hasFocus(search), "the keyboard stays in the search box").toBe(true);
  expect(requests.length, "the list is asked once the typing pauses, not at every letter").toBeLessThan(word.length);
  expect(requests.at(-1)).toBe(word);
  expect(await page.getByTestId("quick-create").isVisible()).toBe(false);

  // Nothing matches: the empty state says what to do, and its button does it.
  await search.fill(`${word}-nothing`);
  await page.getByTestId("empty-state").getByText("No task matches this search and these filters.").waitFor();
  await screenshot(page, "40-empty-search");
  await page.getByRole("button", { name: "Clear the search and filters" }).click();
  await page.waitForURL((url) => !url.searchParams.has("search"));
  expect(await search.inputValue()).toBe("");

  // "/" brings the keyboard to the search box; away from it, "c" opens the quick create dialog.
  await heading.click();
  await page.keyboard.press("/");
  await expect.poll(() => hasFocus(search), soon).toBe(true);
  await search.fill(word);
  await page.waitForURL((url) => url.searchParams.get("search") === word);
  await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–2 of 2");
  await heading.click();
  const headerHeight = await page.getByRole("banner").evaluate((header) => header.getBoundingClientRect().height);
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "New task" });
  await dialog.waitFor();
  const title = dialog.getByLabel("Title");
  await expect.poll(() => hasFocus(title), soon).toBe(true);
  expect(await title.inputValue(), "the c that opened it is not typed into it").toBe("");
  // Enter with no title: the API's message, beside the field; then a title, and Enter creates the task.
  await title.press("Enter");
  await dialog.getByText("must not be empty", { exact: false }).waitFor();
  await title.fill(`${word} errand 3`);
  await title.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  await expect.poll(() => announced(page), soon).toBe(`Task “${word} errand 3” created.`);
  await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–3 of 3");
  expect((await member.api.listTasks({ search: word })).items.map((task) => task.title)).toContain(`${word} errand 3`);

  // The message is in the top bar's own line: it covers no control, and nothing moved when it appeared.
  expect(await controlsUnderTheLiveRegion(page)).toEqual([]);
  expect(await page.getByTestId("announcer").evaluate((region) => getComputedStyle(region).position)).toBe("static");
  expect(await page.getByRole("banner").evaluate((header) => header.getBoundingClientRect().height)).toBe(headerHeight);
  await screenshot(page, "41-quick-create-announced");

  // j and k move through the tasks (newest first), Enter opens the one the keyboard is on.
  const links = page.getByTestId("task-list").getByRole("link", { name: new RegExp(`^${word} errand`) });
  await page.keyboard.press("j");
  await expect.poll(() => hasFocus(links.nth(0)), soon).toBe(true);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect.poll(() => hasFocus(links.nth(2)), soon).toBe(true);
  await page.keyboard.press("k");
  await expect.poll(() => hasFocus(links.nth(1)), soon).toBe(true);
  await page.keyboard.press("Enter");

  // Opened by the keyboard: the task's heading has the focus, with the ring.
  const taskHeading = page.getByRole("heading", { level: 1, name: `${word} errand 2` });
  await taskHeading.waitFor();
  await expect.poll(() => focusRing(taskHeading), soon).toBe("solid");
  // "c" typed in the comment box is a letter.
  await page.getByLabel("Add a comment").pressSequentially("cc");
  expect(await page.getByLabel("Add a comment").inputValue()).toBe("cc");
  expect(await dialog.isVisible()).toBe(false);

  // Back to the list with a click: the heading has the focus, without a ring.
  await page.getByRole("link", { name: "← Tasks" }).click();
  await expect.poll(() => focusRing(heading), soon).toBe("none");
});

async function newPersonPage(): Promise<Person> {
  const someone = await newPerson(browser, inject("apiUrl"));
  opened.push(someone);
  return someone;
}
