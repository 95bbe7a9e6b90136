import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ifMatch, type TaskDto } from "@taskorchestration/client";
import type { Browser, Page } from "playwright-core";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { hasFocus, horizontalOverflow, live, markNoReload, pickPerson, soon, wasNotReloaded } from "./checks";
import { createAccount, signInThroughTheApp, type Account } from "./people";

/**
 * The app as people use it, in Debian's Chromium against the real API: sign-in, forms and their errors, the
 * lifecycle actions the API allows, and other people's changes arriving without a reload.
 */

let browser: Browser;
let manager: Account;
let member: Account;
const opened: Person[] = [];
/** A small phone's screen, in CSS pixels. */
const phone = { width: 360, height: 740 };

beforeAll(async () => {
  browser = await launchChromium();
  [manager, member] = await Promise.all([createAccount("Maya", "manager"), createAccount("Ben")]);
});

afterAll(async () => {
  await Promise.all(opened.map((person) => person.context.close()));
  await browser?.close();
});

async function person(viewport?: { width: number; height: number }): Promise<Person> {
  const someone = await newPerson(browser, inject("apiUrl"), viewport);
  opened.push(someone);
  return someone;
}

async function offeredActions(page: Page): Promise<string[]> {
  const actions = page.getByTestId("task-actions");
  await actions.waitFor();
  return (await actions.locator("button[data-action]").evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-action") ?? ""))).sort();
}

async function statusText(page: Page): Promise<string> {
  return (await page.getByTestId("task-status").innerText()).trim();
}

describe("signing in", () => {
  test("an empty form gets each field's error next to it; a wrong password is explained in a summary that takes focus", async () => {
    const { page } = await person();

    await page.goto("/app/");
    await page.waitForURL("**/app/sign-in");
    await screenshot(page, "01-sign-in");

    // Nothing typed: the API's validation problem names both fields, and each message appears beside its field.
    await page.getByRole("button", { name: "Sign in" }).click();
    for (const field of ["email", "password"]) {
      const error = page.getByTestId(`${field}-error`);
      await error.waitFor();
      expect(await error.innerText()).toContain("must not be empty");
      const input = page.locator(`#${field}`);
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect((await input.getAttribute("aria-describedby"))?.split(" ")).toContain(`${field}-error`);
    }
    const summary = page.getByTestId("error-summary");
    await expect.poll(() => hasFocus(summary), soon).toBe(true);
    // The summary's link to a field takes the keyboard there.
    await summary.getByRole("link").first().press("Enter");
    await expect.poll(() => hasFocus(page.locator("#email")), soon).toBe(true);
    await screenshot(page, "02-sign-in-field-errors");

    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByTestId("email-error").waitFor({ state: "detached" });
    await expect.poll(() => summary.innerText(), soon).toContain("The email or password is wrong");
    await expect.poll(() => hasFocus(summary), soon).toBe(true);
    await screenshot(page, "03-sign-in-failed");
  });

  test("at a phone's width the sign-in page fits the screen, its errors included", async () => {
    const { page } = await person(phone);
    await page.goto("/app/sign-in");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expect(await horizontalOverflow(page), "the sign-in page is no wider than a 360 px screen").toBe(0);

    // The error summary and the messages beside the fields are the widest things it shows.
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("password-error").waitFor();
    await screenshot(page, "11-phone-sign-in");
    expect(await horizontalOverflow(page), "the sign-in page with its errors is no wider than a 360 px screen").toBe(0);
  });
});

describe("forms", () => {
  test("a new person registers; a task form's validation error appears next to its field; the task is created, edited, tagged and commented on", async () => {
    const { page } = await person();
    await page.goto("/app/register");
    await page.getByLabel("Your name").fill("Cleo");
    await page.getByLabel("Email").fill(`cleo-${Date.now()}@e2e.example.com`);
    await page.getByLabel("Password").fill("correct-horse-battery-staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { level: 1, name: "Tasks" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New task" }).click();
    await page.getByRole("heading", { level: 1, name: "New task" }).waitFor();
    await page.getByRole("button", { name: "Create task" }).click();

    const titleError = page.getByTestId("title-error");
    await titleError.waitFor();
    expect(await titleError.innerText()).toContain("must not be empty");
    const title = page.getByLabel("Title");
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect((await title.getAttribute("aria-describedby"))?.split(" ")).toContain("title-error");
    await expect.poll(() => hasFocus(page.getByTestId("error-summary")), soon).toBe(true);
    await screenshot(page, "04-validation-error");

    // Corrected, the task is created; its page opens with focus on its title.
    await title.fill("Plan the offsite");
    await page.getByRole("button", { name: "Create task" }).click();
    const heading = page.getByRole("heading", { level: 1, name: "Plan the offsite" });
    await heading.waitFor();
    await expect.poll(() => hasFocus(heading), soon).toBe(true);

    // Edited: the form starts from the task as it is, and the page shows the change.
    await page.getByRole("link", { name: "Edit task" }).click();
    await page.getByRole("heading", { level: 1, name: "Edit task" }).waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Plan the offsite");
    await page.getByLabel("Title").fill("Plan the spring offsite");
    await page.getByLabel("Description").fill("Two days, somewhere with trains.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { level: 1, name: "Plan the spring offsite" }).waitFor();
    await page.getByText("Two days, somewhere with trains.", { exact: true }).waitFor();

    // Tags (written as typed, stored in lower case) and a comment, each then in the history.
    await page.getByLabel("Change tags").fill("Travel, q2");
    await page.getByRole("button", { name: "Save tags" }).click();
    await page.getByRole("link", { name: "#travel" }).waitFor();
    await page.getByRole("link", { name: "#q2" }).waitFor();
    await page.getByLabel("Add a comment").fill("I will book the venue.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await page.getByTestId("comments").getByText("I will book the venue.").waitFor();
    await expect.poll(() => page.getByTestId("history").getByRole("listitem").count(), soon).toBeGreaterThanOrEqual(3);

    // A tag leads to the list filtered by it, the filter kept in the address.
    await page.getByRole("link", { name: "#travel" }).click();
    await page.waitForURL("**/app/?tag=travel");
    await expect.poll(() => page.getByTestId("list-summary").innerText(), soon).toBe("Tasks 1–1 of 1");
    await page.getByTestId("task-list").getByRole("link", { name: "Plan the spring offsite" }).waitFor();
  });
});

describe("live updates", () => {
  test("a manager assigns a new task to Ben, who sees it appear, takes and completes it; the manager sees it done, all without a reload", async () => {
    const maya = await person();
    const ben = await person();
    await Promise.all([signInThroughTheApp(maya.page, manager), signInThroughTheApp(ben.page, member)]);

    // Ben watches the task list.
    await ben.page.getByTestId("list-summary").waitFor();
    await markNoReload(ben.page);

    // Maya creates the task and assigns it to Ben.
    const title = `Ship the release ${Date.now()}`;
    await maya.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New task" }).click();
    await maya.page.getByLabel("Title").fill(title);
    await maya.page.getByLabel("Priority").selectOption("high");
    await maya.page.getByRole("button", { name: "Create task" }).click();
    await maya.page.getByRole("heading", { level: 1, name: title }).waitFor();
    // She picks Ben by name: types part of it, and the picker lists the people it matches.
    await pickPerson(maya.page, "Assign someone", member.user.displayName);
    await expect.poll(() => maya.page.getByTestId("assignees").innerText(), soon).toContain(member.user.displayName);
    await markNoReload(maya.page);

    // Ben's list shows it without a reload.
    const benTaskLink = ben.page.getByTestId("task-list").getByRole("link", { name: title });
    await benTaskLink.waitFor({ timeout: live.timeout });
    expect(await wasNotReloaded(ben.page)).toBe(true);
    await screenshot(ben.page, "05-task-list");

    // Ben takes it and completes it: the only actions offered are the ones the API allows him.
    await benTaskLink.click();
    await ben.page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await offeredActions(ben.page)).toEqual(["take"]);
    await ben.page.getByRole("button", { name: "Take" }).click();
    await expect.poll(() => statusText(ben.page), soon).toContain("Running");
    expect(await offeredActions(ben.page)).toEqual(["complete", "fail", "release"]);
    await ben.page.getByRole("button", { name: "Complete…" }).click();
    await ben.page.getByLabel("Result (optional)").fill("Shipped on time");
    await ben.page.getByRole("button", { name: "Complete the task" }).click();
    await expect.poll(() => statusText(ben.page), soon).toContain("Done");
    expect(await wasNotReloaded(ben.page)).toBe(true);

    // Maya's page, open all along, follows: running, then done, taken by Ben.
    await expect.poll(() => statusText(maya.page), live).toContain("Done");
    await expect.poll(() => maya.page.getByTestId("task-owner").innerText(), soon).toBe(member.user.displayName);
    expect(await maya.page.getByText("Shipped on time").count()).toBe(1);
    expect(await wasNotReloaded(maya.page)).toBe(true);
    await screenshot(maya.page, "06-task-page");

    // The same pages at a phone's width: nothing sticks out sideways, neither on Ben's task page nor on Maya's, which
    // adds the forms to assign, tag and edit.
    await ben.page.setViewportSize(phone);
    await screenshot(ben.page, "08-phone-task-page");
    expect(await horizontalOverflow(ben.page), "Ben's task page is no wider than a 360 px screen").toBe(0);
    await maya.page.setViewportSize(phone);
    await screenshot(maya.page, "10-phone-task-page-manager");
    expect(await horizontalOverflow(maya.page), "Maya's task page is no wider than a 360 px screen").toBe(0);
    await ben.page.getByRole("link", { name: "← Tasks" }).click();
    await ben.page.getByTestId("list-summary").waitFor();
    await screenshot(ben.page, "09-phone-task-list");
    expect(await horizontalOverflow(ben.page), "the task list is no wider than a 360 px screen").toBe(0);
  });
});

describe("notifications", () => {
  test("the unread badge follows new notifications without a reload; the inbox lists them, and marking them read clears it", async () => {
    const dana = await createAccount("Dana");
    const { page } = await person();
    await signInThroughTheApp(page, dana);
    const menu = page.getByRole("navigation", { name: "Main" });
    // The badge is part of the link's name, so that it is heard too.
    await menu.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    await markNoReload(page);

    // Maya assigns a task to Dana: Dana's badge counts it, on whatever page she is.
    const title = `Review the budget ${Date.now()}`;
    const task = await manager.api.createTask({ title }, crypto.randomUUID());
    await manager.api.addTaskAssignee(task.id, dana.user.id);
    await menu.getByRole("link", { name: "Notifications (1 unread)" }).waitFor({ timeout: live.timeout });

    await menu.getByRole("link", { name: /^Notifications/ }).click();
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    const inbox = page.getByTestId("notifications");
    await inbox.getByRole("link", { name: `Maya assigned you to "${title}"` }).waitFor();

    // Maya comments: the inbox and the badge show it without a reload.
    await manager.api.addComment(task.id, { body: "The numbers are in the shared folder." });
    await expect.poll(() => inbox.getByRole("listitem").count(), live).toBe(2);
    await menu.getByRole("link", { name: "Notifications (2 unread)" }).waitFor({ timeout: live.timeout });
    await screenshot(page, "07-notifications");

    await page.getByRole("button", { name: "Mark all as read" }).click();
    await menu.getByRole("link", { name: "Notifications", exact: true }).waitFor();
    const summary = page.getByTestId("notifications-summary");
    await expect.poll(() => summary.innerText(), soon).toBe("Nothing unread.");
    await expect.poll(() => hasFocus(summary), soon).toBe(true);
    await expect.poll(() => page.getByTestId("announcer").innerText(), soon).toBe("2 notifications marked as read.");
    expect((await dana.api.listNotifications({ unread: true, page: 1, pageSize: 10, includeTotal: true })).totalCount).toBe(0);
    expect(await wasNotReloaded(page)).toBe(true);
  });
});

describe("actions", () => {
  test("the actions offered are exactly the task's allowedActions, for each state and person", async () => {
    const maya = await person();
    const ben = await person();
    await Promise.all([signInThroughTheApp(maya.page, manager), signInThroughTheApp(ben.page, member)]);

    const draft = await manager.api.createTask({ title: "A draft", draft: true }, crypto.randomUUID());
    const pending = await manager.api.createTask({ title: "Pending" }, crypto.randomUUID());
    const takenByBen = await member.api.takeTask((await manager.api.createTask({ title: "Taken by Ben" }, crypto.randomUUID())).id);
    const done = await member.api.completeTask(
      (await member.api.takeTask((await member.api.createTask({ title: "Done by Ben" }, crypto.randomUUID())).id)).id,
      undefined,
      { result: "ok" },
    );

    const cases: { who: Person; account: Account; task: TaskDto; expected: string[] }[] = [
      { who: maya, account: manager, task: draft, expected: ["cancel", "publish"] },
      { who: maya, account: manager, task: pending, expected: ["cancel", "take"] },
      { who: ben, account: member, task: pending, expected: ["take"] },
      { who: ben, account: member, task: takenByBen, expected: ["complete", "fail", "release"] },
      { who: maya, account: manager, task: takenByBen, expected: ["cancel"] },
      { who: ben, account: member, task: done, expected: [] },
    ];
    for (const { who, account, task, expected } of cases) {
      await who.page.goto(`/app/tasks/${task.id}`);
      await who.page.getByRole("heading", { level: 1, name: task.title }).waitFor();
      const allowed = (await account.api.getTask(task.id)).allowedActions.filter((action) => action !== "requeue").sort();

      const offered = await offeredActions(who.page);

      expect(offered, `${account.user.displayName} on "${task.title}"`).toEqual(allowed);
      expect(offered, `${account.user.displayName} on "${task.title}"`).toEqual(expected);
    }
  });

  test("a task changed by someone else after the page was read: the action is refused (412), explained, and the latest version shown", async () => {
    const ben = await person();
    await signInThroughTheApp(ben.page, member);
    const task = await manager.api.createTask({ title: "Before the edit" }, crypto.randomUUID());
    // Without live updates the page keeps the version it read, as it would on a dropped connection.
    await ben.page.route("**/hubs/tasks/**", (route) => route.abort());
    await ben.page.goto(`/app/tasks/${task.id}`);
    await ben.page.getByRole("heading", { level: 1, name: "Before the edit" }).waitFor();
    await manager.api.updateTask(task.id, { title: "After the edit" }, ifMatch(task));

    await ben.page.getByRole("button", { name: "Take" }).click();

    const error = ben.page.getByTestId("action-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("Someone changed this task after you opened it");
    await expect.poll(() => hasFocus(error), soon).toBe(true);
    await ben.page.getByRole("heading", { level: 1, name: "After the edit" }).waitFor();
    expect((await member.api.getTask(task.id)).status).toBe("pending");

    // With the latest version read, the same action goes through.
    await ben.page.getByRole("button", { name: "Take" }).click();
    await expect.poll(() => statusText(ben.page), soon).toContain("Running");
  });
});
