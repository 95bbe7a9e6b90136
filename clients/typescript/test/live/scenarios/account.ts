import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { expectProblem, unknownId } from "../world.js";
import type { Scenario } from "./scenario.js";

/** Accounts and sessions: registering, tokens, the caller's own profile, and the admins' user management. */
export const accountScenarios: Record<string, Scenario> = {
  async RegisterUser(world) {
    const email = `ada-${randomUUID()}@live.example.com`;
    const user = await world.anonymous().registerUser({ email, password: "correct-horse-battery", displayName: "Ada" });
    expect(user).toMatchObject({ email, displayName: "Ada", role: "member", isActive: true });
    // An address already registered gets the same answer (no one learns who has an account): a short password does not.
    await expectProblem(world.anonymous().registerUser({ email: `short-${email}`, password: "short", displayName: "Ada" }), 400, "validation_failed");
  },

  async IssueToken(world) {
    const ada = await world.newPerson();
    const issued = await world.anonymous().issueToken({ email: ada.email, password: ada.password });
    expect(issued).toMatchObject({ tokenType: "Bearer", accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect(issued.expiresIn).toBeGreaterThan(0);
    await expectProblem(world.anonymous().issueToken({ email: ada.email, password: "wrong-password" }), 401, "invalid_credentials");
  },

  async RefreshToken(world) {
    const ada = await world.newPerson();
    const first = await world.anonymous().issueToken({ email: ada.email, password: ada.password });
    const next = await world.anonymous().refreshToken({ refreshToken: first.refreshToken });
    expect(next.refreshToken).not.toBe(first.refreshToken);
    await expectProblem(world.anonymous().refreshToken({ refreshToken: first.refreshToken }), 401, "refresh_token_reused");
  },

  async Logout(world) {
    const ada = await world.newPerson();
    await expect(ada.api.logout()).resolves.toBeUndefined();
    await expectProblem(world.anonymous().logout(), 401, "unauthorized");
  },

  async LogoutAll(world) {
    const ada = await world.newPerson();
    const other = await world.anonymous().issueToken({ email: ada.email, password: ada.password });
    await expect(ada.api.logoutAll()).resolves.toBeUndefined();
    await expectProblem(world.anonymous().refreshToken({ refreshToken: other.refreshToken }), 401, "invalid_refresh_token");
  },

  async GetCurrentUser(world) {
    const ada = await world.newPerson();
    expect(await ada.api.getCurrentUser()).toEqual(ada.user);
    await expectProblem(world.anonymous().getCurrentUser(), 401, "unauthorized");
  },

  async UpdateProfile(world) {
    const ada = await world.newPerson();
    expect(await ada.api.updateProfile({ displayName: "Ada Lovelace" })).toMatchObject({ id: ada.user.id, displayName: "Ada Lovelace" });
    await expectProblem(ada.api.updateProfile({ displayName: "" }), 400, "validation_failed");
  },

  async ChangePassword(world) {
    const ada = await world.newPerson();
    await expect(ada.api.changePassword({ currentPassword: ada.password, newPassword: "a-new-long-password" })).resolves.toBeUndefined();
    await expect(world.signIn(ada.email, "a-new-long-password")).resolves.toBeDefined();
    await expectProblem(ada.api.changePassword({ currentPassword: "not-the-password", newPassword: "another-long-password" }), 400, "validation_failed");
  },

  async ListUsers(world) {
    const admin = await world.admin();
    const team = await admin.api.createTeam({ name: `Users ${randomUUID()}` });
    const manager = await world.newPerson("manager");
    await admin.api.addTeamMember(team.id, manager.user.id);

    const everyone = await admin.api.listUsers();
    expect(everyone.items.length).toBeGreaterThan(0);
    expect(everyone.totalCount).toBeNull();
    const filtered = await admin.api.listUsers({ role: "manager", search: manager.email, teamId: team.id, page: 1, pageSize: 5, includeTotal: true });
    expect(filtered.items.map((user) => user.id)).toEqual([manager.user.id]);
    expect(filtered.totalCount).toBe(1);
    await expectProblem(manager.api.listUsers(), 403, "role_required");
  },

  async ChangeUserRole(world) {
    const admin = await world.admin();
    const ada = await world.newPerson();
    expect(await admin.api.changeUserRole(ada.user.id, { role: "manager" })).toMatchObject({ id: ada.user.id, role: "manager" });
    await expectProblem(admin.api.changeUserRole(unknownId(), { role: "manager" }), 404, "not_found");
  },

  async DeactivateUser(world) {
    const admin = await world.admin();
    const ada = await world.newPerson();
    expect(await admin.api.deactivateUser(ada.user.id)).toMatchObject({ id: ada.user.id, isActive: false });
    await expectProblem(admin.api.deactivateUser(unknownId()), 404, "not_found");
  },

  async ReactivateUser(world) {
    const admin = await world.admin();
    const ada = await world.newPerson();
    await admin.api.deactivateUser(ada.user.id);
    expect(await admin.api.reactivateUser(ada.user.id)).toMatchObject({ id: ada.user.id, isActive: true });
    await expectProblem(admin.api.reactivateUser(unknownId()), 404, "not_found");
  },
};
