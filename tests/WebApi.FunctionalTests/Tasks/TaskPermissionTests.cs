using System.Net;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TaskPermissionTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("complete")]
    [InlineData("fail")]
    [InlineData("release")]
    public async Task OwnerOnlyActions_BySomeoneElse_Answer403NotOwner(string action)
    {
        var creator = await SignUpAsync();
        var owner = await SignUpAsync();
        var admin = await SignUpAsync("admin");
        var task = await CreateTaskAsync(creator);
        await FireOkAsync(owner, task.Id, "take");

        // Not even the creator or an admin may finish someone else's work.
        foreach (var intruder in new[] { creator, admin })
        {
            var response = await FireAsync(intruder, task.Id, action, action == "fail" ? new { reason = "Not mine to give up" } : null);
            await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not_owner");
        }

        var after = await GetTaskAsync(owner, task.Id);
        Assert.Equal(TaskItemStatus.Running, after.Status);
        Assert.Equal(owner.Id, after.OwnerId);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("cancel")]
    [InlineData("retry")]
    [InlineData("edit")]
    public async Task CreatorOrManagerActions_ByAnotherMember_Answer403(string action)
    {
        var creator = await SignUpAsync();
        var stranger = await SignUpAsync();
        var task = await PrepareForAsync(creator, action);

        var response = await ActAsync(stranger, task.Id, action);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "not_creator_or_manager");
        Assert.Equal(task.Version, (await GetTaskAsync(creator, task.Id)).Version);
    }

    [Theory]
    [InlineData("publish", "manager")]
    [InlineData("cancel", "manager")]
    [InlineData("retry", "manager")]
    [InlineData("edit", "manager")]
    [InlineData("publish", "admin")]
    [InlineData("edit", "admin")]
    public async Task CreatorOrManagerActions_ByManagerOrAdmin_Succeed(string action, string role)
    {
        var creator = await SignUpAsync();
        var boss = await SignUpAsync(role);
        var task = await PrepareForAsync(creator, action);

        var response = await ActAsync(boss, task.Id, action);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_ByTheOwnerWhoIsNotTheCreator_Answers403()
    {
        var creator = await SignUpAsync();
        var owner = await SignUpAsync();
        var task = await CreateTaskAsync(creator);
        var running = await FireOkAsync(owner, task.Id, "take");
        Assert.DoesNotContain(TaskTrigger.Cancel, running.AllowedActions);

        await Problem.AssertAsync(await FireAsync(owner, task.Id, "cancel"), HttpStatusCode.Forbidden, "not_creator_or_manager");

        var after = await GetTaskAsync(creator, task.Id);
        Assert.Equal((TaskItemStatus.Running, running.Version), (after.Status, after.Version));
    }

    private static async Task<TaskDto> PrepareForAsync(TestUser creator, string action)
    {
        var task = await CreateTaskAsync(creator, draft: action == "publish");
        if (action == "retry")
        {
            await FireOkAsync(creator, task.Id, "take");
            task = await FireOkAsync(creator, task.Id, "fail", new { reason = "Broken" });
        }

        return task;
    }

    private static Task<HttpResponseMessage> ActAsync(TestUser user, Guid id, string action) =>
        action == "edit"
            ? user.Client.PatchAsync($"/api/v1/tasks/{id}", Json.Body(new { title = "Renamed" }))
            : FireAsync(user, id, action);
}
