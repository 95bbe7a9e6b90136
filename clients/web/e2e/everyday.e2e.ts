import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { announced, hasFocus, soon } from "./checks";
import { createAccount, signInThroughTheApp, type Account } from "./people";

/**
 * What people do every day besides the lifecycle: sign out, page through the task list, correct or withdraw a
 * comment, take someone off a task. Each check looks at what the person sees (text, focus, what is announced).
 */

let browser: Browser;
let manager: Account;
let member: Account;
const opened: Person[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  [manager, member] = await Promise.all([createAccount("Nora", "manager"), createAccount("Omar")]);
});

afterAll(async () => {
  await Promise.all(opened.map((person) => person.context.close()));
  await browser?.close();
});

async function person(): Promise<Person> {
  const someone = await newPerson(browser, inject("apiUrl"));
  opened.push(someone);
  return someone;
}

/** The page size of the app's task list (src/tasks/listQuery.ts). */
const listPageSize = 20;

describe("signing out", () => {
  test("after signing out the sign-in page shows, and a task's page asks to sign in again before it opens", async () => {
    const task = await member.api.createTask({ title: `Water the plants ${Date.now()}` }, crypto.randomUUID());
    const { page } = await person();
    await signInThroughTheApp(page, member);

    await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();

    const signIn = page.getByRole("heading", { level: 1, name: "Sign in" });
    await signIn.waitFor();
    await expect.poll(() => hasFocus(signIn), soon).toBe(true);
    await expect.poll(() => announced(page), soon).toBe("You are signed out.");
    expect(await page.getByRole("navigation", { name: "Main" }).count(), "the menu of a signed-in person is gone").toBe(0);

    // The address of a task, typed or bookmarked: the app asks to sign in first, then opens that task.
    await page.goto(`/app/tasks/${task.id}`);
    await page.waitForURL((url) => url.pathname === "/app/sign-in" && url.searchParams.get("next") === `/tasks/${task.id}`);
    await signIn.waitFor();
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: task.title }).waitFor();
    await page.waitForURL((url) => url.pathname === `/app/tasks/${task.id}`);
  });
});

describe("the task list", () => {
  test("more tasks than a page holds: the next page, reached by keyboard, shows the older ones and says which", async () => {
    // Found by a word of their titles alone, so that the other tests' tasks do not change the count.
    const word = `paging${randomBytes(4).toString("hex")}`;
    const count = listPageSize + 5;
    const titles: string[] = [];
    // One after another, so that "newest first" has one answer.
    for (let number = 1; number <= count; number++) {
      const title = `${word} task ${String(number).padStart(2, "0")}`;
      await manager.api.createTask({ title }, crypto.randomUUID());
      titles.push(title);
    }
    const newestFirst = [...titles].reverse();
    const { page } = await person();
    await signInThroughTheApp(page, member);

    await page.goto(`/app/?search=${word}`);
    const summary = page.getByTestId("list-summary");
    await expect.poll(() => summary.innerText(), soon).toBe(`Tasks 1–${listPageSize} of ${count}`);
    const shownTitles = () => page.getByTestId("task-list").getByRole("heading", { level: 2 }).allInnerTexts();
    expect(await shownTitles()).toEqual(newestFirst.slice(0, listPageSize));
    const pages = page.getByRole("navigation", { name: "Pages" });
    expect(await pages.getByRole("link", { name: "← Previous page" }).count(), "the first page has no previous page").toBe(0);

    await pages.getByRole("link", { name: "Next page →" }).press("Enter");

    await page.waitForURL((url) => url.searchParams.get("search") === word && url.searchParams.get("page") === "2");
    await expect.poll(() => summary.innerText(), soon).toBe(`Tasks ${listPageSize + 1}–${count} of ${count}`);
    await expect.poll(() => hasFocus(summary), soon).toBe(true);
    expect(await shownTitles()).toEqual(newestFirst.slice(listPageSize));
    expect(await pages.innerText()).toContain("Page 2");
    expect(await pages.getByRole("link", { name: "Next page →" }).count(), "the last page has no next page").toBe(0);
    await screenshot(page, "12-task-list-page-2");

    // And back.
    await pages.getByRole("link", { name: "← Previous page" }).click();
    await expect.poll(() => summary.innerText(), soon).toBe(`Tasks 1–${listPageSize} of ${count}`);
    expect(await shownTitles()).toEqual(newestFirst.slice(0, listPageSize));
  });
});

describe("the task page", () => {
  test("a comment is edited, then deleted: the page shows each change, says it, and keeps the keyboard's place", async () => {
    const task = await member.api.createTask({ title: `Paint the fence ${Date.now()}` }, crypto.randomUUID());
    await member.api.addComment(task.id, { body: "I will buy green paint." });
    const { page } = await person();
    await signInThroughTheApp(page, member);
    await page.goto(`/app/tasks/${task.id}`);
    const comments = page.getByTestId("comments");
    await comments.getByText("I will buy green paint.").waitFor();

    // Edited: the form starts from the comment and takes the keyboard; saved, the keyboard is back on "Edit".
    const edit = page.getByRole("button", { name: "Edit your comment" });
    await edit.click();
    const editor = page.getByLabel("Edit your comment");
    expect(await editor.inputValue()).toBe("I will buy green paint.");
    await expect.poll(() => hasFocus(editor), soon).toBe(true);
    await editor.fill("I will buy blue paint.");
    // The saved text shows at once, before the page reads the comments again (held here until it has been checked;
    // then the route lets every read through).
    let answerReadsAgain!: () => void;
    const readsHeld = new Promise<void>((resolve) => (answerReadsAgain = resolve));
    const commentReads = /\/api\/v1\/tasks\/[^/]+\/comments(\?|$)/;
    await page.route(commentReads, async (route) => {
      if (route.request().method() === "GET") await readsHeld;
      await route.continue();
    });
    await page.getByRole("button", { name: "Save comment" }).click();

    // The shown body, not the edit form's textarea (whose text is its value while it is open).
    await comments.locator("p.comment__body", { hasText: "I will buy blue paint." }).waitFor();
    expect(await comments.getByText("I will buy green paint.").count()).toBe(0);
    answerReadsAgain();
    await expect.poll(() => comments.getByRole("listitem").first().innerText(), soon).toContain("edited");
    await expect.poll(() => announced(page), soon).toBe("Comment saved.");
    await expect.poll(() => hasFocus(edit), soon).toBe(true);
    expect((await member.api.listComments(task.id)).items.map((comment) => comment.body)).toEqual(["I will buy blue paint."]);

    // Deleted, after a confirmation that takes the keyboard; then the keyboard starts again from the section.
    await page.getByRole("button", { name: "Delete the comment by you" }).click();
    const confirm = page.getByRole("button", { name: "Delete this comment" });
    await expect.poll(() => hasFocus(confirm), soon).toBe(true);
    await confirm.press("Enter");

    await page.getByText("No comments yet.").waitFor();
    expect(await comments.getByRole("listitem").count()).toBe(0);
    await expect.poll(() => announced(page), soon).toBe("Comment deleted.");
    await expect.poll(() => hasFocus(page.getByRole("heading", { level: 2, name: "Comments" })), soon).toBe(true);
    expect((await member.api.listComments(task.id)).items).toEqual([]);
  });

  test("a manager takes someone off a task: they leave the list of assignees, and the keyboard starts again from it", async () => {
    const task = await manager.api.createTask({ title: `Order the chairs ${Date.now()}` }, crypto.randomUUID());
    await manager.api.addTaskAssignee(task.id, member.user.id);
    const { page } = await person();
    await signInThroughTheApp(page, manager);
    await page.goto(`/app/tasks/${task.id}`);
    // Shown by name (the people directory names everyone to a manager), never by id.
    const omar = member.user.displayName;
    const assignees = page.getByTestId("assignees");
    await expect.poll(() => assignees.innerText(), soon).toContain(omar);

    await page.getByRole("button", { name: `Remove ${omar}` }).click();

    await expect.poll(() => assignees.getByRole("listitem").count(), soon).toBe(0);
    await page.getByText("Nobody: anyone who sees the task may take it.").waitFor();
    await expect.poll(() => announced(page), soon).toBe(`${omar} is no longer assigned.`);
    await expect.poll(() => hasFocus(page.getByRole("heading", { level: 2, name: "Assigned to" })), soon).toBe(true);
    expect((await manager.api.getTask(task.id)).assigneeIds).toEqual([]);
  });
});
