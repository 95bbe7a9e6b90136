import { expect } from "vitest";
import { ifMatch } from "../../../src/index.js";
import { expectProblem, unknownId, type Person } from "../world.js";
import type { Scenario } from "./scenario.js";

/** Where the webhooks point: nothing listens there, and only the API's answers matter here. */
const receiver = "http://127.0.0.1:9/hooks";

async function webhook(admin: Person) {
  return admin.api.createWebhook({ url: receiver, eventTypes: ["taskCreated"] });
}

/** Running the system: the engine's queues and workers, schedules, parked events, webhooks (managers and admins). */
export const operatingScenarios: Record<string, Scenario> = {
  async ListQueues(world) {
    const admin = await world.admin();
    const queues = await admin.api.listQueues();
    expect(queues.length).toBeGreaterThan(0);
    expect(queues[0]).toMatchObject({ kind: expect.any(String), paused: expect.any(Boolean), pending: expect.any(Number) });
    await expectProblem((await world.newPerson()).api.listQueues(), 403, "role_required");
  },

  async PauseQueue(world) {
    const admin = await world.admin();
    const [queue] = await admin.api.listQueues();
    expect(await admin.api.pauseQueue(queue.kind)).toMatchObject({ kind: queue.kind, paused: true });
    await admin.api.resumeQueue(queue.kind);
    await expectProblem(admin.api.pauseQueue("no.such.kind"), 404, "not_found");
  },

  async ResumeQueue(world) {
    const admin = await world.admin();
    const [queue] = await admin.api.listQueues();
    await admin.api.pauseQueue(queue.kind);
    expect(await admin.api.resumeQueue(queue.kind)).toMatchObject({ kind: queue.kind, paused: false });
    await expectProblem(admin.api.resumeQueue("no.such.kind"), 404, "not_found");
  },

  async ListWorkers(world) {
    const manager = await world.newPerson("manager");
    const workers = await manager.api.listWorkers();
    // The API runs in the role both: its own worker is one of them.
    expect(workers).toContainEqual(expect.objectContaining({ status: "active", processId: expect.any(Number) }));
    await expectProblem((await world.newPerson()).api.listWorkers(), 403, "role_required");
  },

  async ListSchedules(world) {
    const manager = await world.newPerson("manager");
    expect((await manager.api.listSchedules()).map((schedule) => schedule.name)).toEqual(expect.arrayContaining(["overdue-detection", "daily-summary", "cleanup"]));
    await expectProblem((await world.newPerson()).api.listSchedules(), 403, "role_required");
  },

  async ListParkedEvents(world) {
    const admin = await world.admin();
    expect(await admin.api.listParkedEvents()).toMatchObject({ items: [], hasMore: false, totalCount: null });
    expect(await admin.api.listParkedEvents({ page: 1, pageSize: 10, includeTotal: true })).toMatchObject({ items: [], totalCount: 0 });
    await expectProblem((await world.newPerson("manager")).api.listParkedEvents(), 403, "role_required");
  },

  async ReplayEvent(world) {
    // Nothing is parked on a healthy system: the typed problem for an event that is not.
    const admin = await world.admin();
    await expectProblem(admin.api.replayEvent(unknownId()), 404, "not_found");
    await expectProblem((await world.newPerson("manager")).api.replayEvent(unknownId()), 403, "role_required");
  },

  async CreateWebhook(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    expect(created).toMatchObject({ url: receiver, eventTypes: ["taskCreated"], active: true, secret: expect.stringMatching(/^whsec_/) });
    const described = await admin.api.createWebhook({ url: receiver, eventTypes: ["taskTaken"], description: "Audit", active: false });
    expect(described).toMatchObject({ description: "Audit", active: false });
    await expectProblem(admin.api.createWebhook({ url: "not a url", eventTypes: ["taskCreated"] }), 400, "validation_failed");
  },

  async ListWebhooks(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    expect((await admin.api.listWebhooks()).items.map((listed) => listed.id)).toContain(created.id);
    expect(await admin.api.listWebhooks({ page: 1, pageSize: 1, includeTotal: true })).toMatchObject({ items: [{ id: expect.any(String) }], totalCount: expect.any(Number) });
    await expectProblem((await world.newPerson("manager")).api.listWebhooks(), 403, "role_required");
  },

  async GetWebhook(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    const read = await admin.api.getWebhook(created.id);
    expect(read).toMatchObject({ id: created.id, url: receiver, version: created.version });
    expect(read).not.toHaveProperty("secret");
    await expectProblem(admin.api.getWebhook(unknownId()), 404, "not_found");
  },

  async UpdateWebhook(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    const updated = await admin.api.updateWebhook(created.id, { description: "Renamed" });
    expect(updated).toMatchObject({ description: "Renamed" });
    expect(await admin.api.updateWebhook(created.id, { active: false }, ifMatch(updated))).toMatchObject({ active: false });
    await expectProblem(admin.api.updateWebhook(created.id, { active: true }, ifMatch(created)), 412, "precondition_failed");
  },

  async DeleteWebhook(world) {
    const admin = await world.admin();
    await expect(admin.api.deleteWebhook((await webhook(admin)).id)).resolves.toBeUndefined();
    const second = await webhook(admin);
    await expect(admin.api.deleteWebhook(second.id, ifMatch(second))).resolves.toBeUndefined();
    await expectProblem(admin.api.getWebhook(second.id), 404, "not_found");
  },

  async RotateWebhookSecret(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    const rotated = await admin.api.rotateWebhookSecret(created.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretExpiresAt).toEqual(expect.any(String));
    const again = await admin.api.rotateWebhookSecret(created.id, ifMatch(rotated), { keepPrevious: false });
    expect(again.previousSecretExpiresAt).toBeNull();
    await expectProblem(admin.api.rotateWebhookSecret(created.id, ifMatch(created)), 412, "precondition_failed");
  },

  async ListWebhookDeliveries(world) {
    const admin = await world.admin();
    const created = await webhook(admin);
    expect(await admin.api.listWebhookDeliveries(created.id)).toMatchObject({ items: expect.any(Array), hasMore: expect.any(Boolean) });
    const page = await admin.api.listWebhookDeliveries(created.id, { status: "pending", page: 1, pageSize: 5, includeTotal: true });
    expect(page.totalCount).toEqual(expect.any(Number));
    expect(page.items.every((delivery) => delivery.status === "pending" && delivery.webhookId === created.id)).toBe(true);
    await expectProblem(admin.api.listWebhookDeliveries(unknownId()), 404, "not_found");
  },
};
