using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// An idle worker whose poll is ten minutes away starts work as soon as it is due: woken by the announcement of a
/// submission or a reaped lease, or by its timer to the next run-after. Every wait is a hang guard, not a measure.
/// </summary>
public sealed class WorkerWakeTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task ATaskSubmittedToAnIdleWorker_Starts_WokenByItsAnnouncement()
    {
        var creator = await AddUserAsync();
        await using var engine = await IdleEngine.StartAsync(Database);

        var task = await SubmitAsync(creator, "Runs at once");

        await engine.Handler.StartedAsync(task.Id);
    }

    [Fact]
    public async Task ATaskSubmittedToRunLater_StartsWhenDue_OnTheWorkersTimer()
    {
        var creator = await AddUserAsync();
        await using var engine = await IdleEngine.StartAsync(Database);

        var task = await SubmitAsync(creator, "Runs in a second", runAfter: DateTimeOffset.UtcNow.AddSeconds(1));

        await engine.Handler.StartedAsync(task.Id);
        Assert.True(await TakenNoEarlierThanRunAfterAsync(task.Id, attempt: 1));
    }

    [Fact]
    public async Task AFailedAttempt_IsRetried_WhenItsBackoffEnds_OnTheWorkersTimer()
    {
        var creator = await AddUserAsync();
        await using var engine = await IdleEngine.StartAsync(Database);

        var task = await SubmitAsync(creator, ScriptedHandler.FailsOnce);

        await engine.Handler.StartedAsync(task.Id, attempt: 2);
        Assert.True(await TakenNoEarlierThanRunAfterAsync(task.Id, attempt: 2));
    }

    [Fact]
    public async Task ALeaseReaped_WakesAnIdleWorker_WhichRunsTheNextAttempt()
    {
        var creator = await AddUserAsync();
        var task = await SubmitAsync(creator, "Its worker died");
        // Claimed ten minutes ago by a worker that is gone: its lease ran out long since.
        await ClaimAsOfAsync(DateTimeOffset.UtcNow.AddMinutes(-10));
        await using var engine = await IdleEngine.StartAsync(Database);

        await engine.Handler.StartedAsync(task.Id, attempt: 2);
        Assert.False(engine.Handler.HasStarted(task.Id, attempt: 1));
    }

    [Fact]
    public async Task AnAnnouncementWhileEverySlotIsBusy_IsNotLost_TheTaskStartsWhenASlotFrees()
    {
        var creator = await AddUserAsync();
        await using var engine = await IdleEngine.StartAsync(Database, concurrency: 1);
        var blocking = await SubmitAsync(creator, ScriptedHandler.Blocks);
        await engine.Handler.StartedAsync(blocking.Id);

        var waiting = await SubmitAsync(creator, "Waits for the slot");
        engine.Handler.Release(blocking.Id);

        await engine.Handler.StartedAsync(waiting.Id);
    }

    /// <summary>Submits through the unit of work, as the create command does.</summary>
    private Task<TaskItem> SubmitAsync(Actor creator, string title, DateTimeOffset? runAfter = null) => IdleEngine.SubmitAsync(Database, creator, title, runAfter);

    /// <summary>Claims what is pending as another worker whose clock reads <paramref name="asOf"/>.</summary>
    private async Task ClaimAsOfAsync(DateTimeOffset asOf)
    {
        await using var services = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(asOf)));
        Assert.Single(await services.GetRequiredService<TaskQueue>().ClaimAsync([ScriptedHandler.KindName], 10, [], CancellationToken.None));
    }

    /// <summary>The attempt was taken at or after the task's run-after, on the database's record.</summary>
    private async Task<bool> TakenNoEarlierThanRunAfterAsync(Guid taskId, int attempt) =>
        await Database.ScalarAsync<bool>(
            """
            SELECT (SELECT occurred_at FROM task_history_entries WHERE task_id = @id AND trigger = 'take' ORDER BY occurred_at OFFSET @skip LIMIT 1)
                >= (SELECT run_after FROM tasks WHERE id = @id)
            """,
            ("id", taskId), ("skip", attempt - 1));
}
