using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// A worker that cannot renew its lease fences itself: by its own clock, a heartbeat interval before the lease the
/// database holds runs out, it cancels its handlers, so that no other worker may take their tasks while they run.
/// </summary>
public sealed class WorkerFenceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task AWorkerWhoseHeartbeatCannotRenewItsLease_CancelsItsHandlers_BeforeTheLeaseRunsOut()
    {
        var creator = await AddUserAsync();
        await using var engine = await IdleEngine.StartAsync(Database, settings: new Dictionary<string, string?>
        {
            ["Worker:LeaseDuration"] = "00:00:06",
            ["Worker:HeartbeatInterval"] = "00:00:02",
        });
        var task = await IdleEngine.SubmitAsync(Database, creator, ScriptedHandler.Blocks);
        await engine.Handler.StartedAsync(task.Id);

        // Another transaction holds the worker's row: every renewal (the heartbeat's upsert) waits on it.
        await using var other = await Database.OpenConnectionAsync();
        await using var holding = await other.BeginTransactionAsync();
        DateTimeOffset leaseUntil;
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT lease_until FROM workers FOR UPDATE", other, holding))
        {
            leaseUntil = new DateTimeOffset((DateTime)(await lockRow.ExecuteScalarAsync())!);
        }

        // A hang guard, not a measure: the fence acts within a lease.
        var cancelledAt = await engine.Handler.CancelledAsync(task.Id, TimeSpan.FromSeconds(30));
        await holding.RollbackAsync();

        Assert.True(cancelledAt < leaseUntil, $"The handler was cancelled at {cancelledAt:O}, after the lease it ran under ended ({leaseUntil:O}).");
        Assert.Contains(engine.Log.Entries, entry => entry.EventId == EngineLogEvents.Fenced);
    }
}
