using System.Net;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TaskLifecycleTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Draft_IsPublishedTakenAndCompleted_OverHttp()
    {
        var creator = await SignUpAsync();
        var worker = await SignUpAsync();

        var created = await creator.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Write the release notes", draft = true, priority = "high" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await created.ReadAsync<TaskDto>();
        Assert.Equal($"/api/v1/tasks/{draft.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal($"\"{draft.Version}\"", created.Headers.ETag?.Tag);
        Assert.Equal(TaskItemStatus.Draft, draft.Status);
        Assert.Equal(TaskPriority.High, draft.Priority);
        Assert.Equal(creator.Id, draft.CreatedBy);
        Assert.Equal([TaskTrigger.Publish, TaskTrigger.Cancel], draft.AllowedActions);

        var pending = await FireWithETagAsync(creator, draft, "publish");
        Assert.Equal(TaskItemStatus.Pending, pending.Status);
        Assert.Null(pending.OwnerId);
        Assert.Equal([TaskTrigger.Take], (await GetTaskAsync(worker, draft.Id)).AllowedActions);

        var running = await FireWithETagAsync(worker, pending, "take");
        Assert.Equal(TaskItemStatus.Running, running.Status);
        Assert.Equal(worker.Id, running.OwnerId);
        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], running.AllowedActions);
        Assert.Equal([TaskTrigger.Cancel], (await GetTaskAsync(creator, draft.Id)).AllowedActions);

        var done = await FireWithETagAsync(worker, running, "complete", new { result = "Published on the blog" });
        Assert.Equal(TaskItemStatus.Done, done.Status);
        Assert.Equal("Published on the blog", done.Result);
        Assert.Empty(done.AllowedActions);

        var stored = await GetTaskAsync(creator, draft.Id);
        Assert.Equal(TaskItemStatus.Done, stored.Status);
        Assert.Equal(worker.Id, stored.OwnerId);
    }

    [Fact]
    public async Task FailedTask_IsRetriedTakenAndReleased()
    {
        var creator = await SignUpAsync();
        var worker = await SignUpAsync();
        var task = await CreateTaskAsync(creator);

        await FireOkAsync(worker, task.Id, "take");
        var failed = await FireOkAsync(worker, task.Id, "fail", new { reason = "The printer is on fire" });
        Assert.Equal(TaskItemStatus.Failed, failed.Status);
        Assert.Equal("The printer is on fire", failed.FailureReason);
        Assert.Equal([TaskTrigger.Retry], (await GetTaskAsync(creator, task.Id)).AllowedActions);

        var retried = await FireOkAsync(creator, task.Id, "retry");
        Assert.Equal(TaskItemStatus.Pending, retried.Status);
        Assert.Equal(2, retried.AttemptCount);
        Assert.Null(retried.OwnerId);
        Assert.Null(retried.FailureReason);

        await FireOkAsync(worker, task.Id, "take");
        var released = await FireOkAsync(worker, task.Id, "release");
        Assert.Equal(TaskItemStatus.Pending, released.Status);
        Assert.Null(released.OwnerId);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("pending")]
    [InlineData("running")]
    public async Task Cancel_FromEveryOpenStatus_EndsTheTask(string status)
    {
        var creator = await SignUpAsync();
        var worker = await SignUpAsync();
        var task = await CreateTaskAsync(creator, draft: status == "draft");
        if (status == "running")
        {
            // The creator may call off work that someone else is doing.
            await FireOkAsync(worker, task.Id, "take");
        }

        var cancelled = await FireOkAsync(creator, task.Id, "cancel", new { reason = "No longer needed" });

        Assert.Equal(TaskItemStatus.Cancelled, cancelled.Status);
        Assert.Empty(cancelled.AllowedActions);
        Assert.Equal(TaskItemStatus.Cancelled, (await GetTaskAsync(worker, task.Id)).Status);
        Assert.Empty((await GetTaskAsync(worker, task.Id)).AllowedActions);
    }

    [Fact]
    public async Task SecondTake_Answers409TaskAlreadyTaken_AndKeepsTheFirstOwner()
    {
        var creator = await SignUpAsync();
        var first = await SignUpAsync();
        var second = await SignUpAsync();
        var task = await CreateTaskAsync(creator);
        await FireOkAsync(first, task.Id, "take");

        await Problem.AssertAsync(await FireAsync(second, task.Id, "take"), HttpStatusCode.Conflict, "task_already_taken");

        Assert.Equal(first.Id, (await GetTaskAsync(creator, task.Id)).OwnerId);
    }

    /// <summary>Fires an action with the task's current version as If-Match; the answer's ETag must be the new version.</summary>
    private static async Task<TaskDto> FireWithETagAsync(TestUser user, TaskDto current, string action, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{current.Id}/{action}") { Content = body is null ? null : Json.Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.Version}\"");
        var response = await user.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var changed = await response.ReadAsync<TaskDto>();
        Assert.NotEqual(current.Version, changed.Version);
        Assert.Equal($"\"{changed.Version}\"", response.Headers.ETag?.Tag);
        return changed;
    }

    [Fact]
    public async Task UnknownTask_Answers404()
    {
        var user = await SignUpAsync();

        await Problem.AssertAsync(await user.Client.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await FireAsync(user, Guid.NewGuid(), "take"), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await user.Client.GetAsync("/api/v1/tasks/not-a-guid"), HttpStatusCode.NotFound, "not_found");
    }
}
