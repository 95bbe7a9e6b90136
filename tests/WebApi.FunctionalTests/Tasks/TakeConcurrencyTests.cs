using System.Net;
using Npgsql;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TakeConcurrencyTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const int Takers = 32;

    /// <summary>A loser either saw the task already taken, or read it before the winner wrote and lost the write.</summary>
    private static readonly string[] LoserCodes = ["task_already_taken", "concurrency_conflict"];

    [Fact]
    public async Task ConcurrentTakes_GiveExactlyOneOwner()
    {
        var creator = await SignUpAsync();
        var takers = await Task.WhenAll(Enumerable.Range(0, Takers).Select(_ => SignUpAsync()));
        var task = await CreateTaskAsync(creator);

        // Release every request at once so they race for the same row.
        using var start = new SemaphoreSlim(0, Takers);
        var requests = takers.Select(async taker =>
        {
            await start.WaitAsync();
            return (taker, response: await FireAsync(taker, task.Id, "take"));
        }).ToList();
        start.Release(Takers);
        var answers = await Task.WhenAll(requests);

        var winners = answers.Where(answer => answer.response.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        foreach (var (_, response) in answers.Where(answer => answer.response.StatusCode != HttpStatusCode.OK))
        {
            await Problem.AssertAsync(response, HttpStatusCode.Conflict, LoserCodes);
        }

        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var query = new NpgsqlCommand("SELECT owner_id, status FROM tasks WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", task.Id);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(winners[0].taker.Id, reader.GetGuid(0));
        Assert.Equal("running", reader.GetString(1));
        Assert.False(await reader.ReadAsync());
        await reader.CloseAsync();

        await using var history = new NpgsqlCommand("SELECT count(*) FROM task_history WHERE task_id = @id AND trigger = 'take'", connection);
        history.Parameters.AddWithValue("id", task.Id);
        Assert.Equal(1L, await history.ExecuteScalarAsync());
    }
}
