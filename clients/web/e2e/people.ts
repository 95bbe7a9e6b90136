import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { Session, type UserDto } from "@taskorchestration/client";
import type { Page } from "playwright-core";

/** Someone with an account: what they type to sign in, and their own API session (for setting up and checking). */
export interface Account {
  user: UserDto;
  email: string;
  password: string;
  api: Session["client"];
}

export function apiSession(): Session {
  return new Session(inject("apiUrl"));
}

/** The admin's own API session (the account the run bootstraps). */
export async function adminApi(): Promise<Session["client"]> {
  const admin = apiSession();
  await admin.signIn(inject("adminEmail"), inject("adminPassword"));
  return admin.client;
}

/** A display name no other test uses, so that a search for it finds this person alone. */
export function uniqueName(first: string): string {
  const surname = randomBytes(3).toString("hex").replace(/\d/g, (digit) => "abcdefghij"[Number(digit)]);
  return `${first} ${surname[0].toUpperCase()}${surname.slice(1)}`;
}

/** Registers a person through the API (the generated client, as the app uses it) with `role`, and signs them in. */
export async function createAccount(displayName: string, role: "member" | "manager" = "member"): Promise<Account> {
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, "-")}-${randomBytes(4).toString("hex")}@e2e.example.com`;
  const password = `pw-${randomBytes(12).toString("base64url")}`;
  const session = apiSession();
  let user = await session.client.registerUser({ email, password, displayName });
  if (role !== "member") {
    user = await (await adminApi()).changeUserRole(user.id, { role });
  }
  await session.signIn(email, password);
  return { user, email, password, api: session.client };
}

/** Signs in through the sign-in page, as a person would, and waits for the task list. */
export async function signInThroughTheApp(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/app/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Tasks" }).waitFor();
}
