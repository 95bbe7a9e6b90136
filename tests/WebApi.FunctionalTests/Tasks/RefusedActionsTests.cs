using System.Net;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

/// <summary>A task says, beside what the caller may do, why they may not do the rest: the code the API would answer.</summary>
public sealed class RefusedActionsTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AnAssignedTask_TellsSomeoneElseThatTakingItIsForItsAssignees_AndTakingItAnswersThatCode()
    {
        var manager = await SignUpAsync("manager");
        var assignee = await SignUpAsync();
        var other = await SignUpAsync();
        var task = await CreateTaskAsync(manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees", Json.Body(new { userIds = new[] { assignee.Id } }))).StatusCode);

        var seen = await GetTaskAsync(other, task.Id);

        var refusal = Assert.Single(seen.RefusedActions, refused => refused.Action == TaskTrigger.Take);
        Assert.Equal("not_assignee", refusal.Code);
        await Problem.AssertAsync(await FireAsync(other, task.Id, "take"), HttpStatusCode.Forbidden, refusal.Code);
    }

    [Fact]
    public async Task ARunningTask_TellsItsCreatorThatFinishingItIsTheOwners()
    {
        var creator = await SignUpAsync();
        var worker = await SignUpAsync();
        var task = await CreateTaskAsync(creator);
        await FireOkAsync(worker, task.Id, "take");

        var seen = await GetTaskAsync(creator, task.Id);

        Assert.Equal([TaskTrigger.Cancel], seen.AllowedActions);
        Assert.Equal(
            [(TaskTrigger.Complete, "not_owner"), (TaskTrigger.Fail, "not_owner"), (TaskTrigger.Release, "not_owner"), (TaskTrigger.Requeue, "automated_task")],
            seen.RefusedActions.Select(refused => (refused.Action, refused.Code)));
    }
}
