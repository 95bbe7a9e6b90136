import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { ifMatch } from "../../../src/index.js";
import { expectProblem, unknownId } from "../world.js";
import type { Scenario } from "./scenario.js";

/** A stale version: If-Match for a version the task has moved past. */
const stale = '"0"';

/** Tasks: creating, listing, reading, editing, their lifecycle, assignees, tags and history. */
export const taskScenarios: Record<string, Scenario> = {
  async GetLifecycle(world) {
    const ada = await world.newPerson();
    const lifecycle = await ada.api.getLifecycle();
    expect(lifecycle.transitions).toContainEqual({ from: "running", trigger: "complete", to: "done", guards: [{ condition: "owner", code: "not_owner" }] });
    expect(lifecycle.mermaid).toMatch(/^stateDiagram-v2/);
    expect(await ada.api.getLifecycle({ format: "json" })).toEqual(lifecycle);
    await expectProblem(world.anonymous().getLifecycle(), 401, "unauthorized");
  },

  async CreateTask(world) {
    const ada = await world.newPerson();
    // As the README shows it: no Idempotency-Key (an empty one used to be sent, and refused).
    const created = await ada.api.createTask({ title: "Write the release notes", priority: "high" });
    expect(created).toMatchObject({ title: "Write the release notes", priority: "high", status: "pending", createdBy: ada.user.id });
    const key = randomUUID();
    const first = await ada.api.createTask({ title: "Once only", draft: true }, key);
    const repeated = await ada.api.createTask({ title: "Once only", draft: true }, key);
    expect(first.status).toBe("draft");
    expect(repeated.id).toBe(first.id);
    await expectProblem(ada.api.createTask({ title: "Not the same body", draft: true }, key), 422, "idempotency_key_reused");
    await expectProblem(ada.api.createTask({ title: "" }), 400, "validation_failed");
  },

  async ListTasks(world) {
    const ada = await world.newPerson();
    const tag = `t${randomUUID().slice(0, 8)}`;
    const first = await world.task(ada, `Listed ${tag}`);
    await world.task(ada, `Listed ${tag}`);
    const all = await ada.api.listTasks();
    expect(all.items.map((task) => task.id)).toContain(first.id);
    const firstPage = await ada.api.listTasks({ search: tag, sortBy: "createdAt", sortDirection: "asc", pageSize: 1 });
    expect(firstPage.items.map((task) => task.id)).toEqual([first.id]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));

    const everyFilter = await ada.api.listTasks({
      status: ["pending", "running"], priority: ["normal", "high"], ownerId: ada.user.id, createdBy: ada.user.id, search: tag,
      teamId: unknownId(), archived: false, assigneeId: ada.user.id, tag: [tag], dueBefore: "2100-01-01T00:00:00Z", dueAfter: "2000-01-01T00:00:00Z",
      overdue: false, sortBy: "createdAt", sortDirection: "asc", page: 1, pageSize: 10, cursor: firstPage.nextCursor!, includeTotal: true,
      kind: "manual", dead: false,
    });
    expect(everyFilter).toMatchObject({ items: [], totalCount: 0, hasMore: false });
    await expectProblem(ada.api.listTasks({ pageSize: 1000 }), 400, "validation_failed");
  },

  async GetTask(world) {
    const ada = await world.newPerson();
    const created = await world.task(ada);
    expect(await ada.api.getTask(created.id)).toMatchObject({ id: created.id, allowedActions: expect.arrayContaining(["take"]) });
    await expectProblem(ada.api.getTask(unknownId()), 404, "not_found");
  },

  async UpdateTask(world) {
    const ada = await world.newPerson();
    const created = await world.task(ada);
    const renamed = await ada.api.updateTask(created.id, { title: "Renamed" });
    expect(renamed.title).toBe("Renamed");
    expect(renamed.version).not.toBe(created.version);
    expect(await ada.api.updateTask(created.id, { priority: "low" }, ifMatch(renamed))).toMatchObject({ priority: "low" });
    await expectProblem(ada.api.updateTask(created.id, { title: "Too late" }, stale), 412, "precondition_failed");
  },

  async ArchiveTask(world) {
    const ada = await world.newPerson();
    await expect(ada.api.archiveTask((await world.task(ada)).id)).resolves.toBeUndefined();
    const second = await world.task(ada);
    await expect(ada.api.archiveTask(second.id, ifMatch(second))).resolves.toBeUndefined();
    expect(await ada.api.getTask(second.id)).toMatchObject({ archivedAt: expect.any(String) });
    await expectProblem(ada.api.archiveTask(second.id, stale), 412, "precondition_failed");
  },

  async UnarchiveTask(world) {
    const ada = await world.newPerson();
    const task = await world.task(ada);
    await ada.api.archiveTask(task.id);
    const restored = await ada.api.unarchiveTask(task.id);
    expect(restored).toMatchObject({ id: task.id, archivedAt: null });
    await ada.api.archiveTask(task.id);
    const archived = await ada.api.getTask(task.id);
    expect(await ada.api.unarchiveTask(task.id, ifMatch(archived))).toMatchObject({ archivedAt: null });
    await expectProblem(ada.api.unarchiveTask(unknownId()), 404, "not_found");
  },

  async GetTaskHistory(world) {
    const ada = await world.newPerson();
    const task = await ada.api.releaseTask((await world.takenTask(ada)).id);
    const history = await ada.api.getTaskHistory(task.id);
    expect(history.items.map((entry) => entry.trigger)).toEqual(expect.arrayContaining(["take", "release"]));
    const page = await ada.api.getTaskHistory(task.id, { page: 1, pageSize: 1, includeTotal: true });
    expect(page).toMatchObject({ pageSize: 1, hasMore: true, totalCount: history.items.length });
    await expectProblem(ada.api.getTaskHistory(unknownId()), 404, "not_found");
  },

  async SetTaskAssignees(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    const task = await world.task(manager);
    const assigned = await manager.api.setTaskAssignees(task.id, { userIds: [ada.user.id] });
    expect(assigned.assigneeIds).toEqual([ada.user.id]);
    expect((await manager.api.setTaskAssignees(task.id, { userIds: [] }, ifMatch(assigned))).assigneeIds).toEqual([]);
    await expectProblem(ada.api.setTaskAssignees(task.id, { userIds: [ada.user.id] }), 403, "role_required");
  },

  async AddTaskAssignee(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    const task = await world.task(manager);
    expect((await manager.api.addTaskAssignee(task.id, ada.user.id)).assigneeIds).toEqual([ada.user.id]);
    await expectProblem(manager.api.addTaskAssignee(unknownId(), ada.user.id), 404, "not_found");
  },

  async RemoveTaskAssignee(world) {
    const manager = await world.newPerson("manager");
    const ada = await world.newPerson();
    const task = await world.task(manager);
    await manager.api.addTaskAssignee(task.id, ada.user.id);
    expect((await manager.api.removeTaskAssignee(task.id, ada.user.id)).assigneeIds).toEqual([]);
    await expectProblem(manager.api.removeTaskAssignee(unknownId(), ada.user.id), 404, "not_found");
  },

  async SetTaskTags(world) {
    const ada = await world.newPerson();
    const task = await world.task(ada);
    const tagged = await ada.api.setTaskTags(task.id, { tags: ["docs", "release"] });
    expect(tagged.tags).toEqual(["docs", "release"]);
    expect((await ada.api.setTaskTags(task.id, { tags: ["docs"] }, ifMatch(tagged))).tags).toEqual(["docs"]);
    await expectProblem(ada.api.setTaskTags(task.id, { tags: ["Not A Tag!"] }), 400, "validation_failed");
  },

  async PublishTask(world) {
    const ada = await world.newPerson();
    const draft = await ada.api.createTask({ title: "Draft", draft: true });
    expect(await ada.api.publishTask(draft.id)).toMatchObject({ status: "pending" });
    const second = await ada.api.createTask({ title: "Draft", draft: true });
    expect(await ada.api.publishTask(second.id, ifMatch(second))).toMatchObject({ status: "pending" });
    await expectProblem(ada.api.publishTask(second.id), 409, "invalid_transition");
  },

  async TakeTask(world) {
    const ada = await world.newPerson();
    const bob = await world.newPerson();
    const task = await world.task(ada);
    expect(await ada.api.takeTask(task.id)).toMatchObject({ status: "running", ownerId: ada.user.id });
    const second = await world.task(ada);
    expect(await ada.api.takeTask(second.id, ifMatch(second))).toMatchObject({ status: "running" });
    await expectProblem(bob.api.takeTask(task.id), 409, "task_already_taken");
  },

  async CompleteTask(world) {
    const ada = await world.newPerson();
    expect(await ada.api.completeTask((await world.takenTask(ada)).id)).toMatchObject({ status: "done", result: null });
    const taken = await world.takenTask(ada);
    expect(await ada.api.completeTask(taken.id, ifMatch(taken), { result: "Shipped" })).toMatchObject({ status: "done", result: "Shipped" });
    await expectProblem(ada.api.completeTask(taken.id), 409, "invalid_transition");
  },

  async FailTask(world) {
    const ada = await world.newPerson();
    const taken = await world.takenTask(ada);
    await expectProblem(ada.api.failTask(taken.id), 400, "validation_failed");
    expect(await ada.api.failTask(taken.id, ifMatch(taken), { reason: "The printer is on fire" })).toMatchObject({ status: "failed", failureReason: "The printer is on fire" });
  },

  async ReleaseTask(world) {
    const ada = await world.newPerson();
    expect(await ada.api.releaseTask((await world.takenTask(ada)).id)).toMatchObject({ status: "pending", ownerId: null });
    const taken = await world.takenTask(ada);
    expect(await ada.api.releaseTask(taken.id, ifMatch(taken))).toMatchObject({ status: "pending" });
    await expectProblem(ada.api.releaseTask(taken.id), 409, "invalid_transition");
  },

  async RetryTask(world) {
    const ada = await world.newPerson();
    const failed = async () => {
      const taken = await world.takenTask(ada);
      return ada.api.failTask(taken.id, undefined, { reason: "Try again" });
    };
    expect(await ada.api.retryTask((await failed()).id)).toMatchObject({ status: "pending" });
    const second = await failed();
    expect(await ada.api.retryTask(second.id, ifMatch(second))).toMatchObject({ status: "pending" });
    await expectProblem(ada.api.retryTask(second.id), 409, "invalid_transition");
  },

  async CancelTask(world) {
    const ada = await world.newPerson();
    expect(await ada.api.cancelTask((await world.task(ada)).id)).toMatchObject({ status: "cancelled" });
    const task = await world.task(ada);
    expect(await ada.api.cancelTask(task.id, ifMatch(task), { reason: "Not needed" })).toMatchObject({ status: "cancelled" });
    await expectProblem(ada.api.cancelTask(task.id), 409, "invalid_transition");
  },
};
