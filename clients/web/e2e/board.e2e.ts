import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { announced, hasFocus, soon } from "./checks";
import { createAccount, signInThroughTheApp, type Account } from "./people";

/**
 * The board: a column per status, cards moved by dragging or by their "Move to…" menu to the columns the task's
 * allowedActions permit, a refused move explained, and the filters shared with the list through the address.
 */

let browser: Browser;
let manager: Account;
let member: Account;
let colleague: Account;
const opened: Person[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  [manager, member, colleague] = await Promise.all([createAccount("Ada", "manager"), createAccount("Theo"), createAccount("Mina")]);
});

afterAll(async () => {
  await Promise.all(opened.map((person) => person.context.close()));
  await browser?.close();
});

function column(page: Page, status: string): Locator {
  return page.locator(`[data-column="${status}"]`);
}

function card(page: Page, title: string): Locator {
  return page.getByTestId("board").getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

async function columnTitles(page: Page, status: string): Promise<string[]> {
  return column(page, status).locator(".board-card__title").allInnerTexts();
}

test("cards move by dragging and by keyboard to the columns their allowedActions permit; a refused move is explained; the list and the board share the filters", async () => {
  // A small launch plan, tagged so that the board shows it alone.
  const tag = `launch-${randomBytes(3).toString("hex")}`;
  const create = (title: string, draft = false) => manager.api.createTask({ title, priority: title.includes("venue") ? "high" : "normal", draft }, crypto.randomUUID()).then((task) => manager.api.setTaskTags(task.id, { tags: [tag] }));
  await create("Write the launch brief", true);
  const venue = await create("Book the venue");
  const badges = await create("Order the badges");
  await manager.api.addTaskAssignee(badges.id, colleague.user.id);
  const running = await create("Draft the press release");
  await manager.api.takeTask(running.id);
  const done = await create("Pick the date");
  await manager.api.completeTask((await manager.api.takeTask(done.id)).id, undefined, { result: "14 May" });

  const { page } = await person();
  await signInThroughTheApp(page, member);

  // The list, filtered by the tag, then the board with the same filter.
  await page.goto(`/app/?tag=${tag}`);
  await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–5 of 5");
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Board" }).click();
  await page.waitForURL((url) => url.pathname === "/app/board" && url.searchParams.get("tag") === tag);
  await expect.poll(() => columnTitles(page, "pending"), soon).toEqual(expect.arrayContaining(["Book the venue", "Order the badges"]));
  expect(await columnTitles(page, "draft")).toEqual(["Write the launch brief"]);
  expect(await columnTitles(page, "running")).toEqual(["Draft the press release"]);
  expect(await columnTitles(page, "done")).toEqual(["Pick the date"]);
  // Theo may not name Mina (they share no team): no id either.
  expect(await card(page, "Order the badges").innerText()).toContain("for someone outside your teams");

  // Dragged to Running: Theo takes the venue.
  await card(page, "Book the venue").dragTo(column(page, "running"));
  await expect.poll(() => columnTitles(page, "running"), soon).toEqual(expect.arrayContaining(["Book the venue"]));
  await expect.poll(() => announced(page), soon).toBe("“Book the venue” moved to Running.");
  expect(await member.api.getTask(venue.id)).toMatchObject({ status: "running", ownerId: member.user.id });

  // Dragged where the API will not let Theo take it (it is assigned to Mina): refused, and told why, from the task's
  // refusedActions alone: no take is sent.
  const takes: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith(`/tasks/${badges.id}/take`)) takes.push(request.url());
  });
  await card(page, "Order the badges").dragTo(column(page, "running"));
  const refusal = page.getByTestId("board-refusal");
  await expect.poll(() => refusal.innerText(), soon).toBe("“Order the badges” was not moved to Running: This task is assigned to other people: only they can take it.");
  expect((await member.api.getTask(badges.id)).status).toBe("pending");
  expect(takes).toEqual([]);
  expect(await columnTitles(page, "pending")).toContain("Order the badges");
  // And where no single step leads: done is final.
  await card(page, "Pick the date").dragTo(column(page, "pending"));
  await expect.poll(() => refusal.innerText(), soon).toBe("“Pick the date” was not moved to Pending: Done tasks are finished: they stay where they are.");
  await screenshot(page, "30-board-refused-move");

  // By keyboard: the card's "Move to…" menu offers exactly the moves its allowedActions permit.
  const moveButton = card(page, "Book the venue").getByRole("button", { name: /^Move to…/ });
  await moveButton.focus();
  await moveButton.press("Enter");
  const menu = page.getByRole("menu", { name: "Move “Book the venue” to" });
  await menu.waitFor();
  const items = menu.getByRole("menuitem");
  expect((await items.allInnerTexts()).map((text) => text.replace(/\s*\(.*\)$/, ""))).toEqual(["Done", "Failed", "Pending"]);
  expect((await member.api.getTask(venue.id)).allowedActions.sort()).toEqual(["complete", "fail", "release"]);
  await expect.poll(() => hasFocus(items.first()), soon).toBe(true);
  // Escape closes it and gives the keyboard back to the button; then down to "Pending" (release) and Enter.
  await page.keyboard.press("Escape");
  await expect.poll(() => hasFocus(moveButton), soon).toBe(true);
  await moveButton.press("Enter");
  await expect.poll(() => hasFocus(items.first()), soon).toBe(true);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => hasFocus(items.nth(2)), soon).toBe(true);
  await page.keyboard.press("Enter");
  await expect.poll(() => columnTitles(page, "pending"), soon).toEqual(expect.arrayContaining(["Book the venue"]));
  expect((await member.api.getTask(venue.id)).status).toBe("pending");
  // The keyboard follows the card to its new column.
  await expect.poll(() => hasFocus(card(page, "Book the venue").getByRole("button", { name: /^Move to…/ })), soon).toBe(true);

  // Taken again, then completed by keyboard: the move asks for the result in a small dialog, Enter sends it.
  await page.keyboard.press("Enter");
  await menu.getByRole("menuitem", { name: /^Running/ }).press("Enter");
  await expect.poll(() => columnTitles(page, "running"), soon).toEqual(expect.arrayContaining(["Book the venue"]));
  await expect.poll(() => hasFocus(card(page, "Book the venue").getByRole("button", { name: /^Move to…/ })), soon).toBe(true);
  await page.keyboard.press("Enter");
  await menu.getByRole("menuitem", { name: /^Done/ }).press("Enter");
  const result = page.getByTestId("reason-dialog").getByLabel("Result (optional)");
  await expect.poll(() => hasFocus(result), soon).toBe(true);
  await result.fill("The hall on Quay Street");
  await result.press("Enter");
  await expect.poll(() => columnTitles(page, "done"), soon).toEqual(expect.arrayContaining(["Book the venue"]));
  expect(await member.api.getTask(venue.id)).toMatchObject({ status: "done", result: "The hall on Quay Street" });

  // The manager's board, for the README: the same filter, as a shared address.
  const ada = await person();
  await signInThroughTheApp(ada.page, manager);
  await ada.page.goto(`/app/board?tag=${tag}`);
  await expect.poll(() => columnTitles(ada.page, "draft"), soon).toEqual(["Write the launch brief"]);
  await expect.poll(() => ada.page.locator(".board-card .task-card__meta").allInnerTexts(), soon).not.toContain(expect.stringContaining("…"));
  // (This screenshot, taken once, is docs/images/web-app.png.)
  await screenshot(ada.page, "31-board");

  // Back to the list: the filter follows.
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "List" }).click();
  await page.waitForURL((url) => url.pathname === "/app/" && url.searchParams.get("tag") === tag);
  await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–5 of 5");
});

async function person(): Promise<Person> {
  const someone = await newPerson(browser, inject("apiUrl"));
  opened.push(someone);
  return someone;
}
