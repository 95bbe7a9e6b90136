using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.DatabaseFailures;

/// <summary>
/// A request whose connection PostgreSQL ends (as a restart does) is run again when nothing of it can have been
/// committed, and answered 503 <c>database_unavailable</c> with a Retry-After when it may have been, unless it carries
/// an Idempotency-Key: then the repeat answers the first result. Never a 500, never a change applied twice.
/// </summary>
[Collection(UnreliableDatabaseTestGroup.Name)]
public sealed class TransientDatabaseFailureTests(UnreliableDatabaseApiFactory factory) : ApiTestBase(factory)
{
    private const string InsertTask = "INSERT INTO tasks";

    private DatabaseFaults Faults => factory.Faults;

    public override Task DisposeAsync()
    {
        Faults.Reset();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ACreate_WhoseConnectionIsLostBeforeItCommits_IsRunAgain_AndCreatesOneTaskWithOneEvent()
    {
        var user = await SignUpAsync();
        Faults.Reset();
        Faults.LoseConnectionBefore(InsertTask);

        var response = await PostTaskAsync(user, "Survives a restart", idempotencyKey: null);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal(2, Faults.Sent(InsertTask));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM tasks WHERE title = @title", ("title", "Survives a restart")));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE task_id = @id AND type = 'taskCreated'", ("id", task.Id)));
    }

    [Theory]
    [InlineData("INSERT INTO task_comments")]
    [InlineData("INSERT INTO outbox_messages")]
    public async Task AComment_WhoseConnectionIsLostInItsTransaction_IsRunAgain_AndStoredOnce(string lostBefore)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user, "Commented");
        Faults.Reset();
        Faults.LoseConnectionBefore(lostBefore);

        var response = await user.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body = "Said once" }));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, Faults.Sent(lostBefore));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM task_comments WHERE body = 'Said once'"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE task_id = @id AND type = 'taskCommented'", ("id", task.Id)));
    }

    [Fact]
    public async Task ACreate_WhoseCommitBreaksOnTheWay_WithoutAKey_Is503_AndIsNotRunAgain()
    {
        var user = await SignUpAsync();
        Faults.Reset();
        Faults.LoseConnectionAtCommit();

        var response = await PostTaskAsync(user, "Maybe saved", idempotencyKey: null);

        var problem = await AssertUnavailableAsync(response);
        Assert.Contains("may or may not have been applied", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Faults.Sent(InsertTask));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM tasks WHERE title = @title", ("title", "Maybe saved")));
    }

    [Fact]
    public async Task ACreate_WhoseCommitsAnswerIsLost_WithoutAKey_Is503_AndIsNotAppliedTwice()
    {
        var user = await SignUpAsync();
        Faults.Reset();
        Faults.LoseAnswerToCommit();

        var response = await PostTaskAsync(user, "Saved unawares", idempotencyKey: null);

        await AssertUnavailableAsync(response);
        Assert.Equal(1, Faults.Sent(InsertTask));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM tasks WHERE title = @title", ("title", "Saved unawares")));
    }

    [Fact]
    public async Task ACreate_WhoseCommitsAnswerIsLost_WithAKey_IsRunAgain_AndAnswersTheCommittedTask()
    {
        var user = await SignUpAsync();
        Faults.Reset();
        Faults.LoseAnswerToCommit();

        var response = await PostTaskAsync(user, "Saved once", idempotencyKey: Guid.NewGuid().ToString());

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var task = await response.ReadAsync<TaskDto>();
        // The second attempt found the first one's key committed and replayed its answer: nothing was inserted again.
        Assert.Equal(1, Faults.Sent(InsertTask));
        Assert.Equal([task.Id], await IdsAsync("Saved once"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE task_id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task ACreate_WhoseCommitBreaksOnTheWay_WithAKey_IsRunAgain_AndCreatesOneTask()
    {
        var user = await SignUpAsync();
        Faults.Reset();
        Faults.LoseConnectionAtCommit();

        var response = await PostTaskAsync(user, "Saved the second time", idempotencyKey: Guid.NewGuid().ToString());

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal(2, Faults.Sent(InsertTask));
        Assert.Equal([task.Id], await IdsAsync("Saved the second time"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox_messages WHERE task_id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task AnEdit_WhoseConnectionIsLostBeforeItCommits_IsRunAgain_AndAppliedOnce()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user, "Before");
        Faults.Reset();
        Faults.LoseConnectionBefore("UPDATE tasks");

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{task.Id}") { Content = Json.Body(new { title = "After" }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{task.Version}\""));
        var response = await user.Client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("After", (await response.ReadAsync<TaskDto>()).Title);
        Assert.Equal(2, Faults.Sent("UPDATE tasks"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM task_history WHERE task_id = @id AND kind = 'edited'", ("id", task.Id)));
    }

    [Fact]
    public async Task ARead_WhoseConnectionIsLost_IsRunAgain()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user, "Read me");
        Faults.Reset();
        Faults.LoseConnectionBefore("FROM tasks");

        var response = await user.Client.GetAsync($"/api/v1/tasks?search={Uri.EscapeDataString("Read me")}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Contains(task.Id.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(Faults.Sent("FROM tasks") >= 2, "The list's query was not sent again after its connection was lost.");
    }

    private static async Task<HttpResponseMessage> PostTaskAsync(TestUser user, string title, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = Json.Body(new { title }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await user.Client.SendAsync(request);
    }

    private static async Task<Problem> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        return problem;
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<Guid>> IdsAsync(string title)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM tasks WHERE title = @title", connection);
        command.Parameters.AddWithValue("title", title);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
