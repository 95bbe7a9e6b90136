using System.Net;
using Npgsql;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class IdempotencyKeyTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string Header = "Idempotency-Key";

    [Fact]
    public async Task Repeat_AnswersTheFirstTaskAgain_AndCreatesNothing()
    {
        var user = await SignUpAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(user, key, new { title = "Pay the invoice", priority = "high" });
        var second = await PostAsync(user, key, new { title = "Pay the invoice", priority = "high" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstTask = await first.ReadAsync<TaskDto>();
        var secondTask = await second.ReadAsync<TaskDto>();
        Assert.Equal(firstTask.Id, secondTask.Id);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(1L, await CountTasksAsync("Pay the invoice"));
    }

    [Fact]
    public async Task SameKey_WithAnotherBody_Is422_AndCreatesNothing()
    {
        var user = await SignUpAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(user, key, new { title = "First" })).StatusCode);

        var reused = await PostAsync(user, key, new { title = "Second" });

        await Problem.AssertAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(0L, await CountTasksAsync("Second"));
    }

    [Fact]
    public async Task Keys_AreEachUsersOwn()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var key = Guid.NewGuid().ToString();

        var aliceTask = await (await PostAsync(alice, key, new { title = "Shared key" })).ReadAsync<TaskDto>();
        var bobAnswer = await PostAsync(bob, key, new { title = "Shared key" });

        Assert.Equal(HttpStatusCode.Created, bobAnswer.StatusCode);
        Assert.NotEqual(aliceTask.Id, (await bobAnswer.ReadAsync<TaskDto>()).Id);
        Assert.Equal(2L, await CountTasksAsync("Shared key"));
    }

    [Fact]
    public async Task WithoutAKey_EveryPostCreates()
    {
        var user = await SignUpAsync();

        await CreateTaskAsync(user, "No key");
        await CreateTaskAsync(user, "No key");

        Assert.Equal(2L, await CountTasksAsync("No key"));
    }

    [Fact]
    public async Task RefusedRequest_DoesNotUseUpTheKey()
    {
        var user = await SignUpAsync();
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(user, key, new { title = "" })).StatusCode);

        var corrected = await PostAsync(user, key, new { title = "Corrected" });

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1L, await CountTasksAsync("Corrected"));
    }

    [Fact]
    public async Task ExpiredKey_CreatesAgain()
    {
        var user = await SignUpAsync();
        var key = Guid.NewGuid().ToString();
        var first = await (await PostAsync(user, key, new { title = "Yesterday" })).ReadAsync<TaskDto>();
        await ExecuteAsync("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = @key", key);

        var again = await (await PostAsync(user, key, new { title = "Yesterday" })).ReadAsync<TaskDto>();

        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(2L, await CountTasksAsync("Yesterday"));
    }

    [Fact]
    public async Task ConcurrentRepeats_CreateOneTask_AndAllAnswerIt()
    {
        const int Repeats = 16;
        var user = await SignUpAsync();
        var key = Guid.NewGuid().ToString();

        using var start = new SemaphoreSlim(0, Repeats);
        var requests = Enumerable.Range(0, Repeats).Select(async _ =>
        {
            await start.WaitAsync();
            return await PostAsync(user, key, new { title = "Raced" });
        }).ToList();
        start.Release(Repeats);
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async answer => (await answer.ReadAsync<TaskDto>()).Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(1L, await CountTasksAsync("Raced"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é-not-ascii")]
    public async Task MalformedKey_Is400(string key)
    {
        var user = await SignUpAsync();

        var response = await PostAsync(user, key, new { title = "Bad key" });

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.Errors.ContainsKey("idempotencyKey"), problem.Body.ToString());
        Assert.Equal(0L, await CountTasksAsync("Bad key"));
    }

    [Fact]
    public async Task AnEmptyKey_CountsAsNone_SoEachCreateMakesATask()
    {
        var user = await SignUpAsync();

        var first = await PostAsync(user, string.Empty, new { title = "No key" });
        var second = await PostAsync(user, string.Empty, new { title = "No key" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(2L, await CountTasksAsync("No key"));
    }

    [Fact]
    public async Task KeyLongerThan255_Is400()
    {
        var user = await SignUpAsync();

        var response = await PostAsync(user, new string('k', 256), new { title = "Long key" });

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<HttpResponseMessage> PostAsync(TestUser user, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation(Header, key);
        return await user.Client.SendAsync(request);
    }

    private async Task<long> CountTasksAsync(string title)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM tasks WHERE title = @title", connection);
        count.Parameters.AddWithValue("title", title);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, string key)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
