using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class ArchiveAndHistoryTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task ArchivedTasks_LeaveTheDefaultList_RefuseChanges_AndComeBackWhenUnarchived()
    {
        var user = await SignUpAsync();
        var archived = await CreateTaskAsync(user, "Old");
        var live = await CreateTaskAsync(user, "Live");

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/tasks/{archived.Id}")).StatusCode);

        Assert.Equal([live.Id], await ListIdsAsync(user, string.Empty));
        Assert.Equal([archived.Id], await ListIdsAsync(user, "?archived=true"));
        var stored = await GetTaskAsync(user, archived.Id);
        Assert.NotNull(stored.ArchivedAt);
        Assert.Empty(stored.AllowedActions);
        await Problem.AssertAsync(await FireAsync(user, archived.Id, "take"), HttpStatusCode.Conflict, "task_archived");
        await Problem.AssertAsync(await user.Client.PatchAsync($"/api/v1/tasks/{archived.Id}", Json.Body(new { title = "New" })), HttpStatusCode.Conflict, "task_archived");

        var restored = await FireOkAsync(user, archived.Id, "unarchive");
        Assert.Null(restored.ArchivedAt);
        Assert.Equal(TaskItemStatus.Pending, restored.Status);
        Assert.Equal(2, (await ListIdsAsync(user, string.Empty)).Count);
    }

    [Fact]
    public async Task History_RecordsTransitionsEditsAndArchiving_OldestFirst()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user, "Draft title", draft: true);
        await user.Client.PatchAsync($"/api/v1/tasks/{task.Id}", Json.Body(new { title = "Final title", priority = "high" }));
        await FireOkAsync(user, task.Id, "publish");
        await FireOkAsync(user, task.Id, "cancel", new { reason = "Not needed" });
        await user.Client.DeleteAsync($"/api/v1/tasks/{task.Id}");

        var history = await (await user.Client.GetAsync($"/api/v1/tasks/{task.Id}/history")).ReadAsync<PagedList<TaskHistoryEntryDto>>();

        Assert.Equal([TaskHistoryKind.Edited, TaskHistoryKind.Transitioned, TaskHistoryKind.Transitioned, TaskHistoryKind.Archived], history.Items.Select(entry => entry.Kind));
        var edit = history.Items[0];
        Assert.Equal(
            [("title", "Draft title", "Final title"), ("priority", "normal", "high")],
            edit.Changes.Select(change => (change.Field, change.OldValue, change.NewValue)));
        Assert.Equal((TaskItemStatus.Draft, TaskItemStatus.Pending, TaskTrigger.Publish), (history.Items[1].From!.Value, history.Items[1].To!.Value, history.Items[1].Trigger!.Value));
        Assert.Equal("Not needed", history.Items[2].Reason);
        Assert.All(history.Items, entry => Assert.Equal(user.Id, entry.ActorId));
    }

    [Fact]
    public async Task Archiving_IsForTheCreatorManagersAndAdmins()
    {
        var creator = await SignUpAsync();
        var stranger = await SignUpAsync();
        var task = await CreateTaskAsync(creator);

        await Problem.AssertAsync(await stranger.Client.DeleteAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.Forbidden, "not_creator_or_manager");
        Assert.Null((await GetTaskAsync(creator, task.Id)).ArchivedAt);
    }

    private static async Task<List<Guid>> ListIdsAsync(TestUser user, string query)
    {
        var page = await (await user.Client.GetAsync($"/api/v1/tasks{query}")).ReadAsync<PagedList<TaskDto>>();
        return [.. page.Items.Select(task => task.Id)];
    }
}
