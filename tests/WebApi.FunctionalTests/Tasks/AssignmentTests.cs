using System.Net;
using Npgsql;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class AssignmentTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AnAssignedTask_CanBeTakenOnlyByItsAssignees()
    {
        var manager = await SignUpAsync("manager");
        var assignee = await SignUpAsync();
        var other = await SignUpAsync();
        var task = await CreateTaskAsync(manager);

        var assigned = await (await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees", Json.Body(new { userIds = new[] { assignee.Id, assignee.Id } }))).ReadAsync<TaskDto>();

        Assert.Equal([assignee.Id], assigned.AssigneeIds);
        Assert.DoesNotContain(TaskTrigger.Take, (await GetTaskAsync(other, task.Id)).AllowedActions);
        await Problem.AssertAsync(await FireAsync(other, task.Id, "take"), HttpStatusCode.Forbidden, "not_assignee");
        Assert.Equal(assignee.Id, (await FireOkAsync(assignee, task.Id, "take")).OwnerId);
    }

    [Fact]
    public async Task SingleAssignees_AreAddedAndRemoved_AndListedByAssignee()
    {
        var manager = await SignUpAsync("manager");
        var first = await SignUpAsync();
        var second = await SignUpAsync();
        var task = await CreateTaskAsync(manager);
        await CreateTaskAsync(manager, "Unassigned");

        await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{first.Id}", null);
        var both = await (await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{second.Id}", null)).ReadAsync<TaskDto>();
        var one = await (await manager.Client.DeleteAsync($"/api/v1/tasks/{task.Id}/assignees/{first.Id}")).ReadAsync<TaskDto>();

        Assert.Equal(new[] { first.Id, second.Id }.Order(), both.AssigneeIds.Order());
        Assert.Equal([second.Id], one.AssigneeIds);
        var listed = await (await manager.Client.GetAsync($"/api/v1/tasks?assigneeId={second.Id}")).ReadAsync<PagedList<TaskDto>>();
        Assert.Equal([task.Id], listed.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task AssigningAnUnknownUser_Answers400_AndChangesNothing()
    {
        var manager = await SignUpAsync("manager");
        var task = await CreateTaskAsync(manager);

        var problem = await Problem.AssertAsync(
            await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees", Json.Body(new { userIds = new[] { Guid.NewGuid() } })), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("userIds", problem.Errors.Keys);
        Assert.Empty((await GetTaskAsync(manager, task.Id)).AssigneeIds);
    }

    [Fact]
    public async Task AUserAppearsOncePerTask_EvenInTheDatabase()
    {
        var manager = await SignUpAsync("manager");
        var assignee = await SignUpAsync();
        var task = await CreateTaskAsync(manager);
        await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{assignee.Id}", null);

        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var duplicate = new NpgsqlCommand("INSERT INTO task_assignees (task_id, user_id, assigned_at) VALUES (@task, @user, now())", connection);
        duplicate.Parameters.AddWithValue("task", task.Id);
        duplicate.Parameters.AddWithValue("user", assignee.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task AssignmentChanges_AreInTheHistory()
    {
        var manager = await SignUpAsync("manager");
        var assignee = await SignUpAsync();
        var task = await CreateTaskAsync(manager);

        await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{assignee.Id}", null);

        var history = await (await manager.Client.GetAsync($"/api/v1/tasks/{task.Id}/history")).ReadAsync<PagedList<TaskHistoryEntryDto>>();
        var entry = Assert.Single(history.Items);
        Assert.Equal(TaskHistoryKind.Assigned, entry.Kind);
        Assert.Equal(assignee.Id.ToString(), entry.Changes.Single().NewValue);
    }
}
