using System.Net;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class OptimisticConcurrencyTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] Titles = ["First title", "Second title"];

    [Fact]
    public async Task Get_ReturnsTheVersionAsETag()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var response = await user.Client.GetAsync($"/api/v1/tasks/{task.Id}");

        Assert.Equal($"\"{task.Version}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag?.IsWeak);
    }

    [Fact]
    public async Task ConcurrentPatches_FromTheSameVersion_LetExactlyOneWin()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        using var start = new SemaphoreSlim(0, 2);
        var patches = Titles.Select(async title =>
        {
            await start.WaitAsync();
            return (title, response: await PatchAsync(user, task.Id, new { title }, task.Version));
        }).ToList();
        start.Release(2);
        var answers = await Task.WhenAll(patches);

        var winner = Assert.Single(answers, answer => answer.response.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, answer => answer.response.StatusCode != HttpStatusCode.OK);
        // Read after the winner's write: 412; read before it but wrote after: the database's concurrency check, 409.
        if (loser.response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            await Problem.AssertAsync(loser.response, HttpStatusCode.PreconditionFailed, "precondition_failed");
        }
        else
        {
            await Problem.AssertAsync(loser.response, HttpStatusCode.Conflict, "concurrency_conflict");
        }

        Assert.Equal(winner.title, (await GetTaskAsync(user, task.Id)).Title);
    }

    [Fact]
    public async Task StaleIfMatch_Answers412_AndChangesNothing()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(user, task.Id, new { title = "Renamed" }, task.Version)).StatusCode);

        var stale = await PatchAsync(user, task.Id, new { title = "Lost update" }, task.Version);

        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Renamed", (await GetTaskAsync(user, task.Id)).Title);
    }

    [Fact]
    public async Task StaleIfMatch_OnATransition_Answers412()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        await PatchAsync(user, task.Id, new { title = "Renamed" }, task.Version);

        using var take = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{task.Id}/take");
        take.Headers.TryAddWithoutValidation("If-Match", $"\"{task.Version}\"");
        await Problem.AssertAsync(await user.Client.SendAsync(take), HttpStatusCode.PreconditionFailed, "precondition_failed");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("W/\"1\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"99999999999\"")]
    [InlineData("\"\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task MalformedIfMatch_Answers400(string ifMatch)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{task.Id}") { Content = Json.Body(new { title = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var problem = await Problem.AssertAsync(await user.Client.SendAsync(request), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("If-Match", problem.Errors.Keys);
    }

    [Fact]
    public async Task CurrentIfMatch_IsAccepted()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var response = await PatchAsync(user, task.Id, new { title = "Renamed" }, task.Version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadAsync<TaskDto>();
        Assert.NotEqual(task.Version, updated.Version);
        Assert.Equal($"\"{updated.Version}\"", response.Headers.ETag?.Tag);
    }

    private static Task<HttpResponseMessage> PatchAsync(TestUser user, Guid id, object body, uint version)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{id}") { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return user.Client.SendAsync(request);
    }
}
