using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// Statements batched for one round trip keep their own parameters and literal braces, and go to PostgreSQL as one
/// batch: outside a transaction, one failing statement undoes the others.
/// </summary>
public sealed class StatementBatchTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task EachStatement_GetsItsOwnParameters_AndKeepsItsLiteralBraces()
    {
        var creator = await AddUserAsync();
        var batch = new StatementBatch();
        batch.Add($"INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ({"first.kind"}, {creator.UserId}, {Now})");
        batch.Add(
            "INSERT INTO paused_kinds (kind, paused_by, paused_at) SELECT {0} || ('{{\"at\": 1}}'::jsonb ->> 'at'), {1}, {2}",
            ["second.kind-", creator.UserId, Now.AddMinutes(1)]);
        batch.Add($"UPDATE paused_kinds SET paused_at = {Now.AddMinutes(2)} WHERE kind = {"first.kind"}");

        await using (var db = Database.CreateDbContext())
        {
            await batch.ExecuteAsync(db, CancellationToken.None);
        }

        Assert.Equal(["first.kind", "second.kind-1"], await ColumnAsync<string>("SELECT kind FROM paused_kinds ORDER BY kind"));
        Assert.Equal([Now.AddMinutes(2), Now.AddMinutes(1)], await ColumnAsync<DateTimeOffset>("SELECT paused_at FROM paused_kinds ORDER BY kind"));
        Assert.Equal([creator.UserId, creator.UserId], await ColumnAsync<Guid>("SELECT paused_by FROM paused_kinds ORDER BY kind"));
    }

    [Fact]
    public async Task OutsideATransaction_AFailingStatement_UndoesTheOthers()
    {
        var creator = await AddUserAsync();
        var batch = new StatementBatch();
        batch.Add($"INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ({"first.kind"}, {creator.UserId}, {Now})");
        batch.Add($"INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ({"first.kind"}, {creator.UserId}, {Now})");

        await using (var db = Database.CreateDbContext())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => batch.ExecuteAsync(db, CancellationToken.None));
        }

        Assert.Empty(await ColumnAsync<string>("SELECT kind FROM paused_kinds"));
    }
}
