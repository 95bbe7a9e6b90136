import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { Session } from "@taskorchestration/client";
import { launchChromium, newPerson, screenshot, type Person } from "./browser";
import { announced, hasFocus, pickPerson, soon } from "./checks";
import { adminApi, apiSession, createAccount, signInThroughTheApp, uniqueName, type Account } from "./people";

/**
 * People by name, never by id: what a member sees of their team-mates and of everyone else, the person picker, and
 * the pages of one's own account and of the admin section.
 */

let browser: Browser;
let manager: Account;
/** Iris and Jonas share a team; Kim is in none of theirs. */
let iris: Account;
let jonas: Account;
let kim: Account;
let admin: Awaited<ReturnType<typeof adminApi>>;
const designTeam = uniqueName("Design");
const opened: Person[] = [];
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await adminApi();
  [manager, iris, jonas, kim] = await Promise.all([createAccount(uniqueName("Lena"), "manager"), createAccount(uniqueName("Iris")), createAccount(uniqueName("Jonas")), createAccount(uniqueName("Kim"))]);
  const team = await admin.createTeam({ name: designTeam });
  await admin.addTeamMember(team.id, iris.user.id);
  await admin.addTeamMember(team.id, jonas.user.id);
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

async function pageText(page: Page): Promise<string> {
  return page.locator("body").innerText();
}

describe("the people directory", () => {
  test("a member sees team-mates by name and others as someone outside their teams, on the list, the task page and the filter's picker; no id anywhere", async () => {
    // A task everyone sees (no team), created by the manager, assigned to Jonas and Kim; Kim comments on it.
    const title = `Redesign the onboarding ${Date.now()}`;
    const task = await manager.api.createTask({ title }, crypto.randomUUID());
    await manager.api.addTaskAssignee(task.id, jonas.user.id);
    await manager.api.addTaskAssignee(task.id, kim.user.id);
    await kim.api.addComment(task.id, { body: "I have sketches from last year." });

    const { page } = await person();
    await signInThroughTheApp(page, iris);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Admin|^Teams/ }).count(), "a member is offered no admin pages").toBe(0);

    // The list names Jonas, and Kim as an outsider.
    await page.goto(`/app/?search=${encodeURIComponent(title)}`);
    const card = page.getByTestId("task-list").getByRole("listitem").filter({ hasText: title });
    await expect.poll(() => card.innerText(), soon).toContain(`assigned to ${jonas.user.displayName}, someone outside your teams`);

    // The task page: assignees, the comment's author, the creator and the history, all by name or as outsiders.
    await card.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const assignees = page.getByTestId("assignees");
    await expect.poll(async () => (await assignees.getByRole("listitem").allInnerTexts()).sort(), soon).toEqual([jonas.user.displayName, "someone outside your teams"].sort());
    await expect.poll(() => page.getByTestId("comments").innerText(), soon).toContain("someone outside your teams");
    await expect.poll(() => page.getByTestId("history").innerText(), soon).toContain("someone outside your teams changed the assignees");
    const text = await pageText(page);
    expect(text).not.toContain(kim.user.displayName);
    expect(text).not.toContain(manager.user.displayName);
    expect(text, "no user id is shown").not.toMatch(uuid);
    await screenshot(page, "20-names-for-a-member");

    // The "assigned to" filter picks from the people Iris may name: Jonas is found by part of his name, Kim is not.
    await page.getByRole("link", { name: "← Tasks" }).click();
    await page.locator("summary", { hasText: "Filters" }).click();
    const picker = page.getByRole("combobox", { name: "Assigned to" });
    await picker.fill(kim.user.displayName.slice(0, 6));
    await page.getByRole("listbox", { name: "Assigned to" }).getByText(`Nobody you can pick is called “${kim.user.displayName.slice(0, 6)}”.`).waitFor();
    // Escape closes the list and leaves the keyboard in the box.
    await picker.press("Escape");
    expect(await picker.getAttribute("aria-expanded")).toBe("false");
    await expect.poll(() => hasFocus(picker), soon).toBe(true);
    await picker.fill("");
    await pickPerson(page, "Assigned to", jonas.user.displayName);
    expect(await picker.inputValue()).toBe(jonas.user.displayName);
    expect(await picker.getAttribute("aria-expanded")).toBe("false");
    await page.getByRole("button", { name: "Apply" }).click();

    // The filter is in the address (by id, which the screen never shows), so the view is a bookmark.
    await page.waitForURL((url) => url.searchParams.get("assignee") === jonas.user.id);
    await page.getByTestId("task-list").getByRole("link", { name: title }).waitFor();
    await page.reload();
    await page.getByTestId("task-list").getByRole("link", { name: title }).waitFor();
    await expect.poll(() => page.getByRole("combobox", { name: "Assigned to" }).inputValue(), soon).toBe(jonas.user.displayName);
    expect(await page.getByText("Filters (1 active)").count()).toBe(1);
  });

  test("a manager assigns by picking a name with the keyboard; the person is told by name", async () => {
    const task = await manager.api.createTask({ title: `Print the posters ${Date.now()}` }, crypto.randomUUID());
    const { page } = await person();
    await signInThroughTheApp(page, manager);
    await page.goto(`/app/tasks/${task.id}`);
    await page.getByRole("heading", { level: 1, name: task.title }).waitFor();

    // Managers may name everyone: Kim is found.
    await pickPerson(page, "Assign someone", kim.user.displayName);

    await expect.poll(() => page.getByTestId("assignees").innerText(), soon).toContain(kim.user.displayName);
    await expect.poll(() => announced(page), soon).toBe(`Assigned to ${kim.user.displayName}.`);
    // The picker is ready for the next person, and no longer offers Kim.
    const picker = page.getByRole("combobox", { name: "Assign someone" });
    expect(await picker.inputValue()).toBe("");
    await picker.fill(kim.user.displayName);
    await page.getByRole("listbox", { name: "Assign someone" }).getByText(/^Nobody you can pick/).waitFor();
    expect((await manager.api.getTask(task.id)).assigneeIds).toEqual([kim.user.id]);
  });
});

describe("your account", () => {
  test("from the menu a person changes their password (a wrong current one is refused beside its field) and chooses how they are told of things", async () => {
    const quinn = await createAccount(uniqueName("Quinn"));
    const { page } = await person();
    await signInThroughTheApp(page, quinn);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: quinn.user.displayName }).click();
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    const account = page.getByRole("navigation", { name: "Your account" });
    await account.getByRole("link", { name: "Password" }).click();
    await page.getByRole("heading", { level: 1, name: "Change your password" }).waitFor();

    await page.getByLabel("Current password").fill("not-my-password-at-all");
    await page.getByLabel("New password").fill("a-brand-new-passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByTestId("currentPassword-error").innerText(), soon).toContain("The current password is not correct.");
    await expect.poll(() => hasFocus(page.getByTestId("error-summary")), soon).toBe(true);

    await page.getByLabel("Current password").fill(quinn.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByTestId("password-changed").waitFor();
    await expect.poll(() => announced(page), soon).toBe("Your password is changed. Your other sessions are signed out.");
    // The new password signs in; the old one no longer does.
    await new Session(inject("apiUrl")).signIn(quinn.email, "a-brand-new-passphrase");
    await expect(apiSession().signIn(quinn.email, quinn.password)).rejects.toThrow();

    // Notification settings: no emails about assignments (the default sends them).
    await account.getByRole("link", { name: "Notification settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
    const byEmail = page.getByRole("checkbox", { name: "You are assigned a task: by email" });
    expect(await byEmail.isChecked()).toBe(true);
    await byEmail.uncheck();
    await page.getByRole("button", { name: "Save notification settings" }).click();
    await expect.poll(() => announced(page), soon).toBe("Your notification settings are saved.");
    const session = new Session(inject("apiUrl"));
    await session.signIn(quinn.email, "a-brand-new-passphrase");
    const assigned = (await session.client.getNotificationPreferences()).preferences.find((preference) => preference.type === "taskAssigned");
    expect(assigned).toMatchObject({ inApp: true, email: false, isDefault: false });
    // Read again, the page shows the choice as stored.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
    await expect.poll(() => page.getByRole("checkbox", { name: "You are assigned a task: by email" }).isChecked(), soon).toBe(false);
    await screenshot(page, "21-notification-settings");
  });
});

describe("the admin section", () => {
  test("an admin finds a person, changes their role, deactivates and reactivates them; creates a team and adds and removes a member by name", async () => {
    const { page } = await person();
    await signInThroughTheApp(page, { email: inject("adminEmail"), password: inject("adminPassword") });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByLabel("Find people by name or email").fill(jonas.user.displayName);
    const rows = page.getByTestId("users").locator("tbody tr");
    await expect.poll(() => rows.count(), soon).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain(jonas.email);

    await row.getByRole("combobox", { name: `Role of ${jonas.user.displayName}` }).selectOption("manager");
    await expect.poll(() => announced(page), soon).toBe(`${jonas.user.displayName} is now manager.`);
    expect((await admin.listUsers({ search: jonas.email })).items[0].role).toBe("manager");

    await row.getByRole("button", { name: `Deactivate ${jonas.user.displayName}` }).click();
    await expect.poll(() => row.innerText(), soon).toContain("Deactivated");
    expect((await admin.listUsers({ search: jonas.email })).items[0].isActive).toBe(false);
    await screenshot(page, "22-admin-users");
    await row.getByRole("button", { name: `Reactivate ${jonas.user.displayName}` }).click();
    await expect.poll(() => row.innerText(), soon).toContain("Active");
    expect((await admin.listUsers({ search: jonas.email })).items[0]).toMatchObject({ isActive: true, role: "manager" });
    await admin.changeUserRole(jonas.user.id, { role: "member" });

    // Teams: a new one, a member picked by name, then taken out again.
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Teams" }).click();
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    // Every team, with its members by name.
    await expect.poll(() => page.locator(`[data-team="${designTeam}"]`).getByTestId("members").innerText(), soon).toContain(iris.user.displayName);
    const name = uniqueName("Ops");
    await page.getByLabel("New team’s name").fill(name);
    await page.getByRole("button", { name: "Create team" }).click();
    const team = page.locator(`[data-team="${name}"]`);
    await team.getByText("No members yet: add the first one below.").waitFor();

    await pickPerson(page, `Add someone to ${name}`, kim.user.displayName);
    await expect.poll(() => team.getByTestId("members").innerText(), soon).toContain(kim.user.displayName);
    const stored = (await admin.listTeams()).find((each) => each.name === name);
    expect(stored?.memberIds).toEqual([kim.user.id]);
    await screenshot(page, "23-admin-teams");

    await team.getByRole("button", { name: `Remove ${kim.user.displayName} from ${name}` }).click();
    await team.getByText("No members yet: add the first one below.").waitFor();
    await expect.poll(() => hasFocus(team.getByRole("heading", { level: 2, name })), soon).toBe(true);
    expect((await admin.getTeam(stored!.id)).memberIds).toEqual([]);
  });
});
