using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// The API as a real process under a mixed load of concurrent clients, while PostgreSQL is restarted
/// (<c>pg_ctl restart -m fast</c>) in the middle. No client may get a 500 (a 5xx is a 503 database_unavailable with a
/// Retry-After, or nothing), every write the API acknowledged must be in the database afterwards, and none may be
/// there twice: not a create repeated with its Idempotency-Key, nor any write the API ran again after a commit.
/// </summary>
public sealed class ApiDatabaseRestartTests(FleetFixture fleet, ITestOutputHelper output) : FleetTest(fleet)
{
    private const int Clients = 24;
    private const int People = 4;
    private const string Password = "correct-horse-battery-staple";
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DatabaseRestartedUnderHttpLoad_NoAnswerIs500_AndEveryAcknowledgedWriteIsThereOnce()
    {
        FleetFixture.AssertCanRestartPostgres();
        // Everything below is bounded by this: a client still waiting then is cancelled and the test fails.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var api = await ApiProcess.StartAsync(Fleet.Database.ConnectionString, Fleet.KeysFolder, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The clients sign in from one address; the limiter is not what this test is about.
            ["RateLimiting:Auth:PermitLimit"] = "100000",
        });
        using var handler = new SocketsHttpHandler();
        var tokens = await SignUpAsync(handler, api.Address, deadline.Token);
        var clients = Enumerable.Range(0, Clients).Select(number => Client(handler, api.Address, tokens[number % People])).ToList();
        var record = new ApiLoadRecord();

        var loadEnds = DateTimeOffset.UtcNow + Load;
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var load = clients.Select((client, number) => new ApiLoadClient(number, client, record).RunAsync(loadEnds, stopLoad.Token)).ToList();
        var restart = new Stopwatch();
        try
        {
            await Task.Delay(RestartAfter, deadline.Token);
            restart.Start();
            await FleetFixture.RestartPostgresAsync();
            restart.Stop();
            record.RestartEnded();
            await Task.WhenAll(load);
        }
        finally
        {
            // When the restart failed, the clients stop now rather than send to an API that is being stopped.
            await stopLoad.CancelAsync();
            clients.ForEach(client => client.Dispose());
        }

        // This process's pooled connections died with the server too.
        NpgsqlConnection.ClearAllPools();

        Report(record, restart.Elapsed, api.Retries);
        Assert.False(api.HasExited, $"The API exited: {api.Output}");
        Assert.True(
            record.Violations.Count == 0,
            $"{record.Violations.Count} answers no client may get, for example:{Environment.NewLine}{string.Join(Environment.NewLine, record.Violations.Take(10))}{Environment.NewLine}The API's log:{Environment.NewLine}{api.Output}");
        Assert.True(
            api.Retries + record.Answers.Where(answer => answer.Key.Contains(" 503 ", StringComparison.Ordinal)).Sum(answer => answer.Value) > 0,
            "No request met the restart (no retry, no 503): the test proved nothing.");
        Assert.True(record.AcknowledgedAfterRestart > 0, "No write was acknowledged after the restart: the API did not recover.");
        await AssertCreatesAsync(record);
        await AssertEditsAndCommentsAsync(record);
        await AssertTransitionsAsync(record);
        await AssertOneEventPerChangeAsync();
    }

    /// <summary>Every acknowledged create is there; no title (one per create, and per key) is there twice.</summary>
    private async Task AssertCreatesAsync(ApiLoadRecord record)
    {
        var stored = await RowsAsync("SELECT title, id FROM tasks", reader => (Title: reader.GetString(0), Id: reader.GetGuid(1)));
        var twice = stored.GroupBy(task => task.Title).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} creates were applied twice, e.g. {string.Join(", ", twice.Take(5))}.");
        var idsByTitle = stored.ToDictionary(task => task.Title, task => task.Id, StringComparer.Ordinal);

        var lost = record.Creates.Where(create => create.Id is { } id && idsByTitle.GetValueOrDefault(create.Title) != id).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged creates are not stored as answered, e.g. {string.Join(", ", lost.Take(5))}.");
        foreach (var (key, (title, acknowledged)) in record.KeyedCreates)
        {
            // Each answer for the key, first or repeated, names the one task stored under its title.
            Assert.All(acknowledged, id => Assert.True(idsByTitle.GetValueOrDefault(title) == id, $"Key {key} was answered {id}, but {title} is stored as {idsByTitle.GetValueOrDefault(title)}."));
        }
    }

    /// <summary>Each acknowledged edit and comment is there exactly once; none attempted is there twice.</summary>
    private async Task AssertEditsAndCommentsAsync(ApiLoadRecord record)
    {
        // An edit's history entry holds each field's old and new value; count the new ones.
        var changes = await RowsAsync("SELECT change::text FROM task_history h CROSS JOIN LATERAL jsonb_array_elements(h.changes) change WHERE h.kind = 'edited'", reader => reader.GetString(0));
        var descriptions = changes.Select(NewValue).OfType<string>()
            .GroupBy(value => value, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (var edit in record.Edits)
        {
            var times = descriptions.GetValueOrDefault(edit.Description);
            Assert.True(edit.Acknowledged ? times == 1 : times <= 1, $"Edit {edit.Description} of {edit.TaskId} (acknowledged: {edit.Acknowledged}) is in the history {times} times.");
        }

        var comments = (await RowsAsync("SELECT body FROM task_comments", reader => reader.GetString(0)))
            .GroupBy(body => body, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (var comment in record.Comments)
        {
            var times = comments.GetValueOrDefault(comment.Body);
            Assert.True(comment.Acknowledged ? times == 1 : times <= 1, $"Comment {comment.Body} on {comment.TaskId} (acknowledged: {comment.Acknowledged}) is stored {times} times.");
        }
    }

    private static string? NewValue(string change)
    {
        using var json = JsonDocument.Parse(change);
        return json.RootElement.EnumerateObject()
            .Where(property => property.Name.Replace("_", string.Empty, StringComparison.Ordinal).Equals("NewValue", StringComparison.OrdinalIgnoreCase))
            .Select(property => property.Value.GetString())
            .FirstOrDefault();
    }

    /// <summary>Each acknowledged take and completion is in the task's history (a task is taken and completed once).</summary>
    private async Task AssertTransitionsAsync(ApiLoadRecord record)
    {
        var stored = (await RowsAsync("SELECT task_id, trigger FROM task_history WHERE kind = 'transitioned'", reader => (reader.GetGuid(0), reader.GetString(1)))).ToHashSet();
        var missing = record.Transitions.Where(transition => !stored.Contains(transition)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged transitions are not in the history, e.g. {string.Join(", ", missing.Take(5))}.");
    }

    /// <summary>The outbox holds one event per committed change: written with it, never twice by a run repeated.</summary>
    private async Task AssertOneEventPerChangeAsync()
    {
        var counts = await RowsAsync(
            """
            SELECT 'taskCreated', (SELECT count(*) FROM outbox_messages WHERE type = 'taskCreated'), (SELECT count(*) FROM tasks)
            UNION ALL SELECT 'taskTaken', (SELECT count(*) FROM outbox_messages WHERE type = 'taskTaken'), (SELECT count(*) FROM task_history WHERE trigger = 'take')
            UNION ALL SELECT 'taskCompleted', (SELECT count(*) FROM outbox_messages WHERE type = 'taskCompleted'), (SELECT count(*) FROM task_history WHERE trigger = 'complete')
            UNION ALL SELECT 'taskUpdated', (SELECT count(*) FROM outbox_messages WHERE type = 'taskUpdated'), (SELECT count(*) FROM task_history WHERE kind = 'edited')
            UNION ALL SELECT 'taskCommented', (SELECT count(*) FROM outbox_messages WHERE type = 'taskCommented'), (SELECT count(*) FROM task_comments)
            """,
            reader => (Type: reader.GetString(0), Events: reader.GetInt64(1), Changes: reader.GetInt64(2)));
        Assert.All(counts, count => Assert.True(count.Events == count.Changes, $"{count.Events} {count.Type} events for {count.Changes} changes."));
    }

    private void Report(ApiLoadRecord record, TimeSpan restartTook, int retries)
    {
        output.WriteLine($"{Clients} clients for {Load.TotalSeconds:0} s; PostgreSQL restarted after {RestartAfter.TotalSeconds:0} s, in {restartTook.TotalSeconds:0.0} s.");
        output.WriteLine($"Load average (1, 5, 15 min) at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"Requests the API ran again after a passing database failure: {retries}.");
        output.WriteLine($"Answers: {record.Answers.Values.Sum()}; by status: {string.Join(", ", record.Answers.GroupBy(answer => answer.Key.Split(' ').SkipWhile(part => !int.TryParse(part, CultureInfo.InvariantCulture, out _)).FirstOrDefault() ?? "none").OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key}: {group.Sum(answer => answer.Value)}"))}.");
        foreach (var (answer, count) in record.Answers.OrderBy(answer => answer.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {answer,-100} {count,6}");
        }

        output.WriteLine(
            $"Writes: {record.Creates.Count} creates ({record.Creates.Count(create => create.Id is not null)} acknowledged), {record.KeyedCreates.Count} keyed creates "
            + $"({record.KeyedCreates.Values.Count(create => !create.AcknowledgedIds.IsEmpty)} acknowledged), {record.Edits.Count} edits ({record.Edits.Count(edit => edit.Acknowledged)}), "
            + $"{record.Comments.Count} comments ({record.Comments.Count(comment => comment.Acknowledged)}), {record.Transitions.Count} acknowledged transitions.");
    }

    /// <summary>Registers <see cref="People"/> people through the API and signs each in; answers their access tokens.</summary>
    private static async Task<string[]> SignUpAsync(HttpMessageHandler handler, Uri address, CancellationToken cancellationToken)
    {
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = address };
        var tokens = new string[People];
        for (var person = 0; person < People; person++)
        {
            var email = $"load-{person}-{Guid.NewGuid():N}@example.com";
            using var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = $"Load {person}" }, cancellationToken);
            Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(cancellationToken));
            using var signedIn = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password }, cancellationToken);
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync(cancellationToken));
            using var body = JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync(cancellationToken));
            tokens[person] = body.RootElement.GetProperty("accessToken").GetString()!;
        }

        return tokens;
    }

    private static HttpClient Client(HttpMessageHandler handler, Uri address, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await Fleet.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
