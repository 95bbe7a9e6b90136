import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { NotificationDto } from "../../../src/index.js";
import { expectProblem, unknownId, type Person } from "../world.js";
import type { Scenario } from "./scenario.js";

/** Until the person has a notification (the outbox tells them a moment after the change), at most 30 s. */
async function firstNotification(person: Person): Promise<NotificationDto> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const [notification] = (await person.api.listNotifications({ unread: true })).items;
    if (notification) {
      return notification;
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`${person.email} had no notification within 30 s.`);
}

/** A task assigned to the person by a manager: it notifies them (taskAssigned). */
async function notified(world: Parameters<Scenario>[0], person: Person): Promise<NotificationDto> {
  const manager = await world.newPerson("manager");
  const task = await world.task(manager);
  await manager.api.addTaskAssignee(task.id, person.user.id);
  return firstNotification(person);
}

/** Working together: teams, comments, the people directory, tags and notifications. */
export const collaborationScenarios: Record<string, Scenario> = {
  async CreateTeam(world) {
    const manager = await world.newPerson("manager");
    const name = `Team ${randomUUID()}`;
    expect(await manager.api.createTeam({ name })).toMatchObject({ name, memberIds: [] });
    await expectProblem(manager.api.createTeam({ name }), 409, "team_name_taken");
  },

  async ListTeams(world) {
    const manager = await world.newPerson("manager");
    const team = await manager.api.createTeam({ name: `Team ${randomUUID()}` });
    expect((await manager.api.listTeams()).map((listed) => listed.id)).toContain(team.id);
    await expectProblem(world.anonymous().listTeams(), 401, "unauthorized");
  },

  async GetTeam(world) {
    const manager = await world.newPerson("manager");
    const team = await manager.api.createTeam({ name: `Team ${randomUUID()}` });
    expect(await manager.api.getTeam(team.id)).toMatchObject({ id: team.id, name: team.name, memberIds: [] });
    await expectProblem(manager.api.getTeam(unknownId()), 404, "not_found");
  },

  async AddTeamMember(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    const team = await manager.api.createTeam({ name: `Team ${randomUUID()}` });
    expect((await manager.api.addTeamMember(team.id, ada.user.id)).memberIds).toEqual([ada.user.id]);
    await expectProblem(ada.api.addTeamMember(team.id, ada.user.id), 403, "role_required");
  },

  async RemoveTeamMember(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    const team = await manager.api.createTeam({ name: `Team ${randomUUID()}` });
    await manager.api.addTeamMember(team.id, ada.user.id);
    expect((await manager.api.removeTeamMember(team.id, ada.user.id)).memberIds).toEqual([]);
    await expectProblem(manager.api.removeTeamMember(unknownId(), ada.user.id), 404, "not_found");
  },

  async ListComments(world) {
    const ada = await world.newPerson();
    const task = await world.task(ada);
    await ada.api.addComment(task.id, { body: "First" });
    await ada.api.addComment(task.id, { body: "Second" });
    expect((await ada.api.listComments(task.id)).items.map((comment) => comment.body)).toEqual(["First", "Second"]);
    expect(await ada.api.listComments(task.id, { page: 2, pageSize: 1, includeTotal: true })).toMatchObject({ items: [{ body: "Second" }], totalCount: 2 });
    await expectProblem(ada.api.listComments(unknownId()), 404, "not_found");
  },

  async AddComment(world) {
    const ada = await world.newPerson();
    const task = await world.task(ada);
    expect(await ada.api.addComment(task.id, { body: "Looks good" })).toMatchObject({ taskId: task.id, authorId: ada.user.id, body: "Looks good", edited: false });
    await expectProblem(ada.api.addComment(task.id, { body: "" }), 400, "validation_failed");
  },

  async EditComment(world) {
    const ada = await world.newPerson();
    const bob = await world.newPerson();
    const task = await world.task(ada);
    const comment = await ada.api.addComment(task.id, { body: "Draft" });
    expect(await ada.api.editComment(task.id, comment.id, { body: "Final" })).toMatchObject({ body: "Final", edited: true });
    await expectProblem(bob.api.editComment(task.id, comment.id, { body: "Mine now" }), 403, "not_author");
  },

  async DeleteComment(world) {
    const ada = await world.newPerson();
    const task = await world.task(ada);
    const comment = await ada.api.addComment(task.id, { body: "Oops" });
    await expect(ada.api.deleteComment(task.id, comment.id)).resolves.toBeUndefined();
    await expectProblem(ada.api.deleteComment(task.id, unknownId()), 404, "not_found");
  },

  async ListPeople(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    expect((await manager.api.listPeople()).items.length).toBeGreaterThan(0);
    const found = await manager.api.listPeople({ search: ada.user.displayName, ids: [ada.user.id], page: 1, pageSize: 5, includeTotal: true });
    expect(found).toMatchObject({ items: [{ id: ada.user.id, displayName: ada.user.displayName, isActive: true }], totalCount: 1 });
    await expectProblem(manager.api.listPeople({ pageSize: 0 }), 400, "validation_failed");
  },

  async ListTags(world) {
    const ada = await world.newPerson();
    const tag = `t${randomUUID().slice(0, 8)}`;
    await ada.api.setTaskTags((await world.task(ada)).id, { tags: [tag] });
    expect(await ada.api.listTags()).toContainEqual({ name: tag, count: 1 });
    await expectProblem(world.anonymous().listTags(), 401, "unauthorized");
  },

  async ListNotifications(world) {
    const ada = await world.newPerson();
    const notification = await notified(world, ada);
    expect(notification).toMatchObject({ type: "taskAssigned", readAt: null });
    expect((await ada.api.listNotifications()).items.map((listed) => listed.id)).toContain(notification.id);
    expect(await ada.api.listNotifications({ unread: true, page: 1, pageSize: 1, includeTotal: true })).toMatchObject({ items: [{ id: notification.id }], totalCount: 1 });
    await expectProblem(ada.api.listNotifications({ page: 0 }), 400, "validation_failed");
  },

  async MarkNotificationRead(world) {
    const ada = await world.newPerson();
    const notification = await notified(world, ada);
    await expect(ada.api.markNotificationRead(notification.id)).resolves.toBeUndefined();
    expect((await ada.api.listNotifications({ unread: true })).items).toEqual([]);
    await expectProblem(ada.api.markNotificationRead(unknownId()), 404, "not_found");
  },

  async MarkAllNotificationsRead(world) {
    const ada = await world.newPerson();
    await notified(world, ada);
    expect(await ada.api.markAllNotificationsRead()).toEqual({ marked: 1 });
    await expectProblem(world.anonymous().markAllNotificationsRead(), 401, "unauthorized");
  },

  async GetNotificationPreferences(world) {
    const ada = await world.newPerson();
    const { preferences } = await ada.api.getNotificationPreferences();
    expect(preferences).toContainEqual(expect.objectContaining({ type: "taskAssigned", inApp: expect.any(Boolean), isDefault: true }));
    await expectProblem(world.anonymous().getNotificationPreferences(), 401, "unauthorized");
  },

  async UpdateNotificationPreferences(world) {
    const ada = await world.newPerson();
    const { preferences } = await ada.api.updateNotificationPreferences({ preferences: [{ type: "taskCommented", inApp: false, email: false }] });
    expect(preferences).toContainEqual({ type: "taskCommented", inApp: false, email: false, isDefault: false });
    // An unknown field is refused as malformed, naming it.
    await expectProblem(ada.api.updateNotificationPreferences({ preferences: [{ type: "dailySummary", inApp: true, email: true, nonsense: 1 } as never] }), 400, "malformed_request");
  },
};
