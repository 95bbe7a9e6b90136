using TaskOrchestration.Client;

namespace TaskOrchestration.Clients.LiveTests.Scenarios;

/// <summary>Tasks: creating, listing, reading, editing, their lifecycle, assignees, tags and history.</summary>
internal static class TaskScenarios
{
    /// <summary>If-Match for a version the task has moved past.</summary>
    private const string Stale = "\"0\"";

    public static readonly IReadOnlyDictionary<string, Func<World, Task>> All = new Dictionary<string, Func<World, Task>>(StringComparer.Ordinal)
    {
        ["GetLifecycle"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var lifecycle = await ada.Api.GetLifecycleAsync();
            var complete = Assert.Single(lifecycle.Transitions, transition => transition.From == TaskItemStatus.Running && transition.Trigger == TaskTrigger.Complete);
            Assert.Equal((TaskItemStatus.Done, "not_owner"), (complete.To, Assert.Single(complete.Guards).Code));
            Assert.StartsWith("stateDiagram-v2", lifecycle.Mermaid, StringComparison.Ordinal);
            Assert.Equal(lifecycle.Mermaid, (await ada.Api.GetLifecycleAsync(LifecycleFormat.Json)).Mermaid);
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().GetLifecycleAsync());
        },
        ["CreateTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var created = await ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Write the release notes", Priority = TaskPriority.High });
            Assert.Equal((TaskPriority.High, TaskItemStatus.Pending, ada.User.Id), (created.Priority, created.Status, created.CreatedBy));
            var key = Guid.NewGuid().ToString();
            var first = await ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Once only", Draft = true }, key);
            var repeated = await ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Once only", Draft = true }, key);
            Assert.Equal((TaskItemStatus.Draft, first.Id), (first.Status, repeated.Id));
            await Expect.ProblemAsync(422, "idempotency_key_reused", () => ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Not the same body", Draft = true }, key));
            var invalid = await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = string.Empty }));
            Assert.Contains("title", invalid.Errors.Keys);
        },
        ["ListTasks"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var tag = $"t{Guid.NewGuid():N}"[..9];
            var first = await World.TaskAsync(ada, $"Listed {tag}");
            await World.TaskAsync(ada, $"Listed {tag}");
            Assert.Contains(first.Id, (await ada.Api.ListTasksAsync()).Items.Select(task => task.Id));
            var firstPage = await ada.Api.ListTasksAsync(search: tag, sortBy: TaskSortField.CreatedAt, sortDirection: SortDirection.Asc, pageSize: 1);
            Assert.Equal([first.Id], firstPage.Items.Select(task => task.Id));
            Assert.NotNull(firstPage.NextCursor);

            var everyFilter = await ada.Api.ListTasksAsync(
                [TaskItemStatus.Pending, TaskItemStatus.Running], [TaskPriority.Normal, TaskPriority.High], ada.User.Id, ada.User.Id, tag, Guid.NewGuid(), archived: false,
                ada.User.Id, [tag], DateTimeOffset.Parse("2100-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse("2000-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), overdue: false, TaskSortField.CreatedAt, SortDirection.Asc,
                page: 1, pageSize: 10, firstPage.NextCursor, includeTotal: true, kind: "manual", dead: false);
            Assert.Equal((0, 0, false), (everyFilter.Items.Count, everyFilter.TotalCount, everyFilter.HasMore));
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.ListTasksAsync(pageSize: 1000));
        },
        ["GetTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var created = await World.TaskAsync(ada);
            Assert.Contains(TaskTrigger.Take, (await ada.Api.GetTaskAsync(created.Id)).AllowedActions);
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.GetTaskAsync(Guid.NewGuid()));
        },
        ["UpdateTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var created = await World.TaskAsync(ada);
            var renamed = await ada.Api.UpdateTaskAsync(created.Id, new UpdateTaskRequest { Title = "Renamed" });
            Assert.Equal("Renamed", renamed.Title);
            Assert.Equal(TaskPriority.Low, (await ada.Api.UpdateTaskAsync(created.Id, new UpdateTaskRequest { Priority = TaskPriority.Low }, renamed.IfMatch())).Priority);
            await Expect.ProblemAsync(412, "precondition_failed", () => ada.Api.UpdateTaskAsync(created.Id, new UpdateTaskRequest { Title = "Too late" }, Stale));
        },
        ["ArchiveTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            await ada.Api.ArchiveTaskAsync((await World.TaskAsync(ada)).Id);
            var second = await World.TaskAsync(ada);
            await ada.Api.ArchiveTaskAsync(second.Id, second.IfMatch());
            Assert.NotNull((await ada.Api.GetTaskAsync(second.Id)).ArchivedAt);
            await Expect.ProblemAsync(412, "precondition_failed", () => ada.Api.ArchiveTaskAsync(second.Id, Stale));
        },
        ["UnarchiveTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            await ada.Api.ArchiveTaskAsync(task.Id);
            Assert.Null((await ada.Api.UnarchiveTaskAsync(task.Id)).ArchivedAt);
            await ada.Api.ArchiveTaskAsync(task.Id);
            var archived = await ada.Api.GetTaskAsync(task.Id);
            Assert.Null((await ada.Api.UnarchiveTaskAsync(task.Id, archived.IfMatch())).ArchivedAt);
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.UnarchiveTaskAsync(Guid.NewGuid()));
        },
        ["GetTaskHistory"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await ada.Api.ReleaseTaskAsync((await World.TakenTaskAsync(ada)).Id);
            var history = await ada.Api.GetTaskHistoryAsync(task.Id);
            Assert.Subset(history.Items.Select(entry => entry.Trigger).ToHashSet(), new HashSet<TaskTrigger?> { TaskTrigger.Take, TaskTrigger.Release });
            var page = await ada.Api.GetTaskHistoryAsync(task.Id, page: 1, pageSize: 1, includeTotal: true);
            Assert.Equal((1, true, history.Items.Count), (page.Items.Count, page.HasMore, page.TotalCount));
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.GetTaskHistoryAsync(Guid.NewGuid()));
        },
        ["SetTaskAssignees"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(manager);
            var assigned = await manager.Api.SetTaskAssigneesAsync(task.Id, new SetAssigneesRequest { UserIds = [ada.User.Id] });
            Assert.Equal([ada.User.Id], assigned.AssigneeIds);
            Assert.Empty((await manager.Api.SetTaskAssigneesAsync(task.Id, new SetAssigneesRequest { UserIds = [] }, assigned.IfMatch())).AssigneeIds);
            await Expect.ProblemAsync(403, "role_required", () => ada.Api.SetTaskAssigneesAsync(task.Id, new SetAssigneesRequest { UserIds = [ada.User.Id] }));
        },
        ["AddTaskAssignee"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(manager);
            Assert.Equal([ada.User.Id], (await manager.Api.AddTaskAssigneeAsync(task.Id, ada.User.Id)).AssigneeIds);
            await Expect.ProblemAsync(404, "not_found", () => manager.Api.AddTaskAssigneeAsync(Guid.NewGuid(), ada.User.Id));
        },
        ["RemoveTaskAssignee"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(manager);
            await manager.Api.AddTaskAssigneeAsync(task.Id, ada.User.Id);
            Assert.Empty((await manager.Api.RemoveTaskAssigneeAsync(task.Id, ada.User.Id)).AssigneeIds);
            await Expect.ProblemAsync(404, "not_found", () => manager.Api.RemoveTaskAssigneeAsync(Guid.NewGuid(), ada.User.Id));
        },
        ["SetTaskTags"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            var tagged = await ada.Api.SetTaskTagsAsync(task.Id, new SetTagsRequest { Tags = ["docs", "release"] });
            Assert.Equal(["docs", "release"], tagged.Tags);
            Assert.Equal(["docs"], (await ada.Api.SetTaskTagsAsync(task.Id, new SetTagsRequest { Tags = ["docs"] }, tagged.IfMatch())).Tags);
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.SetTaskTagsAsync(task.Id, new SetTagsRequest { Tags = ["Not A Tag!"] }));
        },
        ["PublishTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var draft = await ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Draft", Draft = true });
            Assert.Equal(TaskItemStatus.Pending, (await ada.Api.PublishTaskAsync(draft.Id)).Status);
            var second = await ada.Api.CreateTaskAsync(new CreateTaskCommand { Title = "Draft", Draft = true });
            Assert.Equal(TaskItemStatus.Pending, (await ada.Api.PublishTaskAsync(second.Id, second.IfMatch())).Status);
            await Expect.ProblemAsync(409, "invalid_transition", () => ada.Api.PublishTaskAsync(second.Id));
        },
        ["TakeTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var bob = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            var taken = await ada.Api.TakeTaskAsync(task.Id);
            Assert.Equal((TaskItemStatus.Running, ada.User.Id), (taken.Status, taken.OwnerId));
            var second = await World.TaskAsync(ada);
            Assert.Equal(TaskItemStatus.Running, (await ada.Api.TakeTaskAsync(second.Id, second.IfMatch())).Status);
            await Expect.ProblemAsync(409, "task_already_taken", () => bob.Api.TakeTaskAsync(task.Id));
        },
        ["CompleteTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var done = await ada.Api.CompleteTaskAsync((await World.TakenTaskAsync(ada)).Id);
            Assert.Equal((TaskItemStatus.Done, null), (done.Status, done.Result));
            var taken = await World.TakenTaskAsync(ada);
            var shipped = await ada.Api.CompleteTaskAsync(taken.Id, taken.IfMatch(), new CompleteTaskRequest { Result = "Shipped" });
            Assert.Equal((TaskItemStatus.Done, "Shipped"), (shipped.Status, shipped.Result));
            await Expect.ProblemAsync(409, "invalid_transition", () => ada.Api.CompleteTaskAsync(taken.Id));
        },
        ["FailTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var taken = await World.TakenTaskAsync(ada);
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.FailTaskAsync(taken.Id));
            var failed = await ada.Api.FailTaskAsync(taken.Id, taken.IfMatch(), new FailTaskRequest { Reason = "The printer is on fire" });
            Assert.Equal((TaskItemStatus.Failed, "The printer is on fire"), (failed.Status, failed.FailureReason));
        },
        ["ReleaseTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var released = await ada.Api.ReleaseTaskAsync((await World.TakenTaskAsync(ada)).Id);
            Assert.Equal((TaskItemStatus.Pending, null), (released.Status, released.OwnerId));
            var taken = await World.TakenTaskAsync(ada);
            Assert.Equal(TaskItemStatus.Pending, (await ada.Api.ReleaseTaskAsync(taken.Id, taken.IfMatch())).Status);
            await Expect.ProblemAsync(409, "invalid_transition", () => ada.Api.ReleaseTaskAsync(taken.Id));
        },
        ["RetryTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            async Task<TaskDto> FailedAsync() => await ada.Api.FailTaskAsync((await World.TakenTaskAsync(ada)).Id, body: new FailTaskRequest { Reason = "Try again" });
            Assert.Equal(TaskItemStatus.Pending, (await ada.Api.RetryTaskAsync((await FailedAsync()).Id)).Status);
            var second = await FailedAsync();
            Assert.Equal(TaskItemStatus.Pending, (await ada.Api.RetryTaskAsync(second.Id, second.IfMatch())).Status);
            await Expect.ProblemAsync(409, "invalid_transition", () => ada.Api.RetryTaskAsync(second.Id));
        },
        ["CancelTask"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            Assert.Equal(TaskItemStatus.Cancelled, (await ada.Api.CancelTaskAsync((await World.TaskAsync(ada)).Id)).Status);
            var task = await World.TaskAsync(ada);
            Assert.Equal(TaskItemStatus.Cancelled, (await ada.Api.CancelTaskAsync(task.Id, task.IfMatch(), new CancelTaskRequest { Reason = "Not needed" })).Status);
            await Expect.ProblemAsync(409, "invalid_transition", () => ada.Api.CancelTaskAsync(task.Id));
        },
    };
}
