using System.Net;
using System.Text;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TaskValidationTests(ApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string, string> InvalidCreateBodies => new()
    {
        { """{"title":""}""", "title", "validation_failed" },
        { """{"title":"   "}""", "title", "validation_failed" },
        { $$"""{"title":"{{new string('x', 201)}}"}""", "title", "validation_failed" },
        { $$"""{"title":"ok","description":"{{new string('x', 10_001)}}"}""", "description", "validation_failed" },
        { """{"title":"ok","priority":"urgent"}""", "priority", "malformed_request" },
        { """{"title":"ok","priority":2}""", "priority", "malformed_request" },
        { """{"title":42}""", "title", "malformed_request" },
        { """{"title":"ok","dueDate":"next tuesday"}""", "dueDate", "malformed_request" },
        { """{"title":"ok","draft":"yes"}""", "draft", "malformed_request" },
        { """{"title":"ok","colour":"blue"}""", "colour", "malformed_request" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Create_WithAnInvalidField_Answers400NamingIt_AndCreatesNothing(string body, string field, string code)
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Equal(0, await CountTasksAsync(user));
    }

    [Fact]
    public async Task Create_AtTheLimits_IsAccepted()
    {
        var user = await SignUpAsync();
        var title = new string('t', 200);
        var description = new string('d', 10_000);

        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title, description, priority = "critical" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<Application.Tasks.TaskDto>();
        Assert.Equal((title, description), (created.Title, created.Description));
    }

    public static TheoryData<string, string, string> InvalidPatchBodies => new()
    {
        { """{"title":""}""", "title", "validation_failed" },
        { """{"title":"  "}""", "title", "validation_failed" },
        { $$"""{"title":"{{new string('x', 201)}}"}""", "title", "validation_failed" },
        { $$"""{"description":"{{new string('x', 10_001)}}"}""", "description", "validation_failed" },
        { """{"priority":"urgent"}""", "priority", "malformed_request" },
        { """{"priority":2}""", "priority", "malformed_request" },
        { """{"title":42}""", "title", "malformed_request" },
        { """{"dueDate":"tomorrow"}""", "dueDate", "malformed_request" },
        { """{"status":"done"}""", "status", "malformed_request" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatchBodies))]
    public async Task Patch_WithAnInvalidField_Answers400NamingIt_AndChangesNothing(string body, string field, string code)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user, "Original");

        var response = await user.Client.PatchAsync($"/api/v1/tasks/{task.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Contains(field, problem.Errors.Keys);
        var after = await GetTaskAsync(user, task.Id);
        Assert.Equal((task.Version, "Original", task.Status), (after.Version, after.Title, after.Status));
    }

    [Theory]
    [InlineData("fail", null)]
    [InlineData("fail", "")]
    [InlineData("fail", "   ")]
    [InlineData("fail", "2001")]
    [InlineData("cancel", "2001")]
    public async Task Transition_WithAnInvalidReason_Answers400NamingTheReason(string action, string? reason)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        var running = await FireOkAsync(user, task.Id, "take");
        object body = reason == "2001" ? new { reason = new string('r', 2_001) } : (object)new { reason };

        var problem = await Problem.AssertAsync(await FireAsync(user, task.Id, action, body), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("reason", problem.Errors.Keys);
        Assert.Equal(running.Version, (await GetTaskAsync(user, task.Id)).Version);
    }

    [Fact]
    public async Task Create_ReportsEveryInvalidFieldAtOnce()
    {
        var user = await SignUpAsync();
        var body = new { title = "", description = new string('x', 10_001) };

        var problem = await Problem.AssertAsync(await user.Client.PostAsync("/api/v1/tasks", Json.Body(body)), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["description", "title"], problem.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("{\"title\":")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Create_WithAMalformedBody_Answers400(string body)
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(0, await CountTasksAsync(user));
    }

    [Fact]
    public async Task Create_AsPlainText_Answers415()
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent("""{"title":"ok"}""", Encoding.UTF8, "text/plain"));

        await Problem.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Fail_WithoutAReason_Answers400NamingTheReason()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        await FireOkAsync(user, task.Id, "take");

        var problem = await Problem.AssertAsync(await FireAsync(user, task.Id, "fail"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("reason", problem.Errors.Keys);
    }

    [Fact]
    public async Task Complete_WithAnOversizedResult_Answers400()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        await FireOkAsync(user, task.Id, "take");

        var problem = await Problem.AssertAsync(
            await FireAsync(user, task.Id, "complete", new { result = new string('x', 10_001) }), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("result", problem.Errors.Keys);
    }

    [Fact]
    public async Task Patch_WithADueDateAndClearDueDate_Answers400()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var response = await user.Client.PatchAsync($"/api/v1/tasks/{task.Id}", Json.Body(new { dueDate = DateTimeOffset.UtcNow, clearDueDate = true }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("dueDate", problem.Errors.Keys);
    }

    private static async Task<int?> CountTasksAsync(TestUser user)
    {
        var response = await user.Client.GetAsync("/api/v1/tasks?includeTotal=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<Application.Common.Models.PagedList<Application.Tasks.TaskDto>>()).TotalCount;
    }
}
