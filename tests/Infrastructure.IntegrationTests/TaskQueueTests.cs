using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The worker engine's statements on real PostgreSQL: claiming, leases, outcomes, giving back and reaping.</summary>
public sealed class TaskQueueTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private const string Kind = "demo.title-parity";
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task Claim_TakesRunnableTasks_ByPriorityThenAge_AsTheEngine_WithALease_OnTheirWorkItems()
    {
        var creator = await AddUserAsync();
        var oldNormal = await AddAutomatedAsync(creator, TaskPriority.Normal, createdAt: Now.AddMinutes(-3));
        var newHigh = await AddAutomatedAsync(creator, TaskPriority.High, createdAt: Now.AddMinutes(-1));
        var newNormal = await AddAutomatedAsync(creator, TaskPriority.Normal, createdAt: Now.AddMinutes(-2));
        var (queue, worker) = await RegisteredQueueAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        var claimed = await queue.ClaimAsync([Kind], 2, [], CancellationToken.None);

        Assert.Equal([newHigh.Id, oldNormal.Id], claimed.Select(run => run.TaskId));
        Assert.Equal((Kind, 1, 3), (claimed[0].Kind, claimed[0].Attempt, claimed[0].MaxAttempts));
        // Held on their work items; their rows still read pending, with no owner, until the attempt ends.
        Assert.Equal([$"running 1 {worker}", $"running 1 {worker}"], [await EngineStateAsync(newHigh.Id), await EngineStateAsync(oldNormal.Id)]);
        Assert.Equal(
            ["pending none", "pending none"],
            await ColumnAsync<string>("SELECT status || ' ' || coalesce(owner_id::text, 'none') FROM tasks WHERE id = ANY(@ids)", ("ids", claimed.Select(run => run.TaskId).ToArray())));
        // The claim renews its worker's lease, which holds the tasks.
        Assert.Equal([Now.AddSeconds(40)], await WorkerLeaseAsync(worker));
        Assert.Equal(["pending"], await ColumnAsync<string>("SELECT status FROM tasks WHERE id = @id", ("id", newNormal.Id)));
        Assert.Equal(2, (await ColumnAsync<long>("SELECT count(*) FROM task_history_entries WHERE trigger = 'take' AND actor_id = @engine", ("engine", SystemActors.Engine.UserId)))[0]);
    }

    [Fact]
    public async Task Claim_LeavesOut_ManualOtherKindsLaterPausedArchivedAndRunningHere()
    {
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        await AddAutomatedAsync(creator, kind: "system.noop");
        await AddAutomatedAsync(creator, runAfter: Now.AddMinutes(1));
        var archived = await AddAutomatedAsync(creator);
        await ChangeAsync(archived.Id, task => task.Archive(creator, Now));
        var runningHere = await AddAutomatedAsync(creator);
        var runnable = await AddAutomatedAsync(creator);
        await AddAutomatedAsync(creator, kind: "http.webhook");
        await ExecuteAsync("INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ('http.webhook', @by, now())", ("by", creator.UserId));
        var (queue, _) = Queue();

        var claimed = await queue.ClaimAsync([Kind, "http.webhook"], 10, [runningHere.Id], CancellationToken.None);

        Assert.Equal([runnable.Id], claimed.Select(run => run.TaskId));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(await queue.ClaimAsync([Kind], 10, [runningHere.Id], CancellationToken.None));
    }

    [Fact]
    public async Task Claims_ReadByIndex_EvenWithTheGenericPlanOfTheirPreparedStatement_AndWriteNoTaskRow()
    {
        var creator = await AddUserAsync();
        await InsertAutomatedAsync(creator, 20_000);
        await ExecuteAsync("ANALYZE tasks, work_items");
        // Prepared after a few uses (PreparedStatements), a claim may be planned once for any parameters: its LIMIT is
        // then a guess, and a plan that reads the whole table to join the locked ids would read it on every claim.
        var (queue, _) = Queue(("ConnectionStrings:Default", $"{Database.ConnectionString};Options=-c plan_cache_mode=force_generic_plan"));
        // Earlier tests' connections report their statistics when they end: ended now, and counted before the baseline.
        Npgsql.NpgsqlConnection.ClearAllPools();
        var (scansBefore, updatesBefore) = await SettledScansAndUpdatesOfTasksAsync();

        for (var claim = 0; claim < 8; claim++)
        {
            Assert.Equal(10, (await queue.ClaimAsync([Kind], 10, [], CancellationToken.None)).Count);
        }

        // Its connections' statistics reach the server's counters when they end: the 80 work items the claims updated
        // say they have, and with them the scans. No task row was written: a claim leases work items.
        Npgsql.NpgsqlConnection.ClearAllPools();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await ScansAndUpdatesOfTasksAsync()).Updates.ItemUpdates < updatesBefore.ItemUpdates + 80 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal((scansBefore, updatesBefore with { ItemUpdates = updatesBefore.ItemUpdates + 80 }), await ScansAndUpdatesOfTasksAsync());
    }

    [Fact]
    public async Task ConcurrentClaims_NeverTakeOneTaskTwice()
    {
        var creator = await AddUserAsync();
        await InsertAutomatedAsync(creator, 300);
        var queues = Enumerable.Range(0, 8).Select(_ => Queue().Queue).ToList();

        var claims = await Task.WhenAll(queues.Select(async queue =>
        {
            var mine = new List<Guid>();
            while (await queue.ClaimAsync([Kind], 7, [], CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(run => run.TaskId));
            }

            return mine;
        }));

        var all = claims.SelectMany(ids => ids).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
        Assert.Equal([300L], await ColumnAsync<long>("SELECT count(*) FROM work_items WHERE leased_by IS NOT NULL"));
    }

    [Fact]
    public async Task Fairness_ASubmitterAtTheLimit_DoesNotStarveTheOthers()
    {
        var flooder = await AddUserAsync();
        var other = await AddUserAsync();
        for (var i = 0; i < 10; i++)
        {
            await AddAutomatedAsync(flooder, createdAt: Now.AddMinutes(-60 + i));
        }

        var first = await AddAutomatedAsync(other, createdAt: Now.AddMinutes(-1));
        var second = await AddAutomatedAsync(other);
        var (queue, _) = Queue(("Worker:MaxRunningPerCreator", "2"));

        var batch = await queue.ClaimAsync([Kind], 10, [], CancellationToken.None);
        var next = await queue.ClaimAsync([Kind], 10, [], CancellationToken.None);

        Assert.Equal(4, batch.Count);
        Assert.Contains(first.Id, batch.Select(run => run.TaskId));
        Assert.Contains(second.Id, batch.Select(run => run.TaskId));
        Assert.Empty(next);
    }

    [Fact]
    public async Task AClaim_RenewsTheWorkersLease_OnlyWhenNoRenewalIsRecent_AndByAHotUpdate()
    {
        var creator = await AddUserAsync();
        await InsertAutomatedAsync(creator, 3);
        var (queue, worker) = await RegisteredQueueAsync();
        var (hotBefore, updatedBefore) = await WorkerUpdatesAsync();

        // Three claims within a heartbeat interval (5 s): the first renews the lease (none yet), the others find it fresh.
        for (var claim = 1; claim <= 3; claim++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Single(await queue.ClaimAsync([Kind], 1, [], CancellationToken.None));
        }

        // Its connections' statistics reach the server's counters when they end (or after some seconds idle).
        Npgsql.NpgsqlConnection.ClearAllPools();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await WorkerUpdatesAsync()).Updated == updatedBefore && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // One write, of the lease alone, which no index holds: a HOT update, so claims leave no dead index entries behind.
        Assert.Equal((hotBefore + 1, updatedBefore + 1), await WorkerUpdatesAsync());
        Assert.Equal([Now.AddSeconds(31)], await WorkerLeaseAsync(worker));
    }

    [Fact]
    public async Task AWorkerThatStops_EndsItsLease_SoThatWhatItStillHoldsIsFreeAtOnce()
    {
        var creator = await AddUserAsync();
        await AddAutomatedAsync(creator);
        var (queue, worker) = await RegisteredQueueAsync();
        Assert.Single(await queue.ClaimAsync([Kind], 1, [], CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(5));

        await queue.RegisterAsync([Kind], stopped: true, CancellationToken.None);

        Assert.Equal([Now.AddSeconds(5)], await WorkerLeaseAsync(worker));
        // A moment later (its lease had 30 s to run): the reaper takes the task it still held.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await queue.ReapAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ARenewal_NeverShortensTheWorkersLease_WhenAnEarlierOneCommitsAfterALaterOne()
    {
        var (_, worker) = await RegisteredQueueAsync();
        var identity = new WorkerIdentity();
        await RenewAsync(worker, Now.AddSeconds(60));

        // A renewal that read its clock earlier (a claim that waited for a pooled connection) commits last.
        await RenewAsync(worker, Now.AddSeconds(40));

        Assert.Equal([Now.AddSeconds(60)], await WorkerLeaseAsync(worker));

        async Task RenewAsync(string id, DateTimeOffset leaseUntil)
        {
            await using var db = Database.CreateDbContext();
            object[] parameters = WorkerLease.RenewalParameters(identity, [Kind], 1, Now, leaseUntil);
            parameters[0] = id;
            await db.Database.ExecuteSqlRawAsync(WorkerLease.Renewal, parameters);
        }
    }

    [Fact]
    public async Task Heartbeat_ExtendsItsWorkersLease_AndAnswersTheAttemptsItHolds()
    {
        var creator = await AddUserAsync();
        var kept = await AddAutomatedAsync(creator);
        var cancelled = await AddAutomatedAsync(creator);
        var (queue, worker) = await RegisteredQueueAsync();
        await queue.ClaimAsync([Kind], 10, [], CancellationToken.None);
        // As a command handler cancels it: read through the repository (a held task reads running), saved by the unit of work.
        await using (var scope = _providers[^1].CreateAsyncScope())
        {
            var running = await scope.ServiceProvider.GetRequiredService<ITaskRepository>().FindAsync(cancelled.Id, CancellationToken.None);
            running!.Cancel(creator, null, Now);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        _clock.Advance(TimeSpan.FromSeconds(20));

        var held = LastHeartbeat().Extend([Kind]);

        Assert.Equal([(kept.Id, 1)], held.Select(entry => (entry.Key, entry.Value)));
        Assert.Equal([Now.AddSeconds(50)], await WorkerLeaseAsync(worker));
        Assert.Equal([Now.AddSeconds(20)], await ColumnAsync<DateTimeOffset>("SELECT last_seen_at FROM workers WHERE id = @id", ("id", worker)));
    }

    [Fact]
    public async Task Heartbeat_DoesNotWaitForTheConnectionPool()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        // A pool of one connection, held by someone else (as handlers and claims can hold them all on a busy worker).
        var pooled = $"{Database.ConnectionString};Maximum Pool Size=1;Timeout=2";
        var (queue, _) = await RegisteredQueueAsync(("ConnectionStrings:Default", pooled));
        await queue.ClaimAsync([Kind], 10, [], CancellationToken.None);
        await using var holder = new Npgsql.NpgsqlConnection(pooled);
        await holder.OpenAsync();

        var held = LastHeartbeat().Extend([Kind]);

        Assert.Equal([task.Id], held.Keys);
    }

    [Fact]
    public async Task Heartbeat_WritesItsWorkersRow_AndNoTasks()
    {
        var creator = await AddUserAsync();
        await AddAutomatedAsync(creator);
        await AddAutomatedAsync(creator);
        var (queue, _) = await RegisteredQueueAsync();
        Assert.Equal(2, (await queue.ClaimAsync([Kind], 10, [], CancellationToken.None)).Count);
        var (tasksBefore, workersBefore) = await UpdatesAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));

        var heartbeat = LastHeartbeat();
        Assert.Equal(2, heartbeat.Extend([Kind]).Count);
        // Its connection's statistics reach the server's counters when the connection ends.
        heartbeat.Dispose();

        // One row per worker, whatever it runs: a task's row is written when its attempt starts and ends, not while it runs.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while ((await UpdatesAsync()).Workers == workersBefore && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal((tasksBefore, workersBefore + 1), await UpdatesAsync());
    }

    [Fact]
    public async Task Finish_Completes_Requeues_WithBackoff_OrFailsForGood()
    {
        var creator = await AddUserAsync();
        var succeeds = await AddAutomatedAsync(creator, TaskPriority.Critical);
        var retried = await AddAutomatedAsync(creator, TaskPriority.High);
        var permanent = await AddAutomatedAsync(creator, TaskPriority.Normal);
        var tooLong = await AddAutomatedAsync(creator, TaskPriority.Low);
        var (queue, _) = Queue();
        await queue.ClaimAsync([Kind], 10, [], CancellationToken.None);

        var recorded = await queue.FinishAsync(
            [
                new AttemptOutcome(succeeds.Id, 1, TaskHandlerResult.Success("success")),
                new AttemptOutcome(retried.Id, 1, TaskHandlerResult.Failure("error")),
                new AttemptOutcome(permanent.Id, 1, TaskHandlerResult.PermanentFailure("HTTP 404")),
                new AttemptOutcome(tooLong.Id, 1, TaskHandlerResult.Success(new string('x', TaskItem.ResultMaxLength + 1))),
            ],
            CancellationToken.None);

        Assert.Equal(4, recorded);
        Assert.Equal(["done success 1"], await RowAsync(succeeds.Id, "status || ' ' || result || ' ' || attempt_count"));
        Assert.Equal(["pending error 2"], await RowAsync(retried.Id, "status || ' ' || failure_reason || ' ' || attempt_count"));
        // The default backoff after attempt 1: 5 to 10 seconds.
        Assert.Equal([true], await ColumnAsync<bool>("SELECT run_after BETWEEN @from AND @to FROM tasks WHERE id = @id", ("from", Now.AddSeconds(5)), ("to", Now.AddSeconds(10)), ("id", retried.Id)));
        Assert.Equal(["failed HTTP 404 1"], await RowAsync(permanent.Id, "status || ' ' || failure_reason || ' ' || attempt_count"));
        Assert.Equal([$"failed {RunPolicy.OutputTooLongReason}"], await RowAsync(tooLong.Id, "status || ' ' || failure_reason"));
        // The ended tasks' work items are gone; the requeued one's is free again, due when its task is.
        Assert.Equal(["done 1 no item"], [await EngineStateAsync(succeeds.Id)]);
        Assert.Equal(["failed 1 no item", "failed 1 no item"], [await EngineStateAsync(permanent.Id), await EngineStateAsync(tooLong.Id)]);
        Assert.Equal(["pending 2 null"], [await EngineStateAsync(retried.Id)]);
        Assert.Equal([true], await ColumnAsync<bool>("SELECT item.run_after = task.run_after FROM work_items AS item JOIN tasks AS task ON task.id = item.id WHERE item.id = @id", ("id", retried.Id)));
    }

    [Fact]
    public async Task Finish_DropsTheOutcomeOfAnAttemptThatNoLongerCounts()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var (slow, _) = await RegisteredQueueAsync();
        var (other, otherWorker) = await RegisteredQueueAsync();
        await slow.ClaimAsync([Kind], 1, [], CancellationToken.None);

        // The slow worker's lease runs out; the task is requeued and another worker runs attempt 2.
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await other.ReapAsync(10, CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Single(await other.ClaimAsync([Kind], 1, [], CancellationToken.None));

        var recorded = await slow.FinishAsync([new AttemptOutcome(task.Id, 1, TaskHandlerResult.Success("late"))], CancellationToken.None);

        Assert.Equal(0, recorded);
        Assert.Equal($"running 2 {otherWorker}", await EngineStateAsync(task.Id));
    }

    [Fact]
    public async Task Finish_DropsTheOutcomeOfAnEarlierAttempt_OfTheSameWorker()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var (queue, worker) = await RegisteredQueueAsync();
        await queue.ClaimAsync([Kind], 1, [], CancellationToken.None);
        // Attempt 1 is lost here (its handler fenced), and the same worker claims attempt 2 after the backoff.
        Assert.Equal(1, await queue.ReleaseLostAsync([(task.Id, 1)], CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Single(await queue.ClaimAsync([Kind], 1, [], CancellationToken.None));

        var recorded = await queue.FinishAsync([new AttemptOutcome(task.Id, 1, TaskHandlerResult.Success("late"))], CancellationToken.None);

        Assert.Equal(0, recorded);
        Assert.Equal($"running 2 {worker}", await EngineStateAsync(task.Id));
    }

    [Fact]
    public async Task Abandon_GivesTheTaskBack_WithoutCountingTheAttempt()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var (queue, _) = Queue();
        await queue.ClaimAsync([Kind], 1, [], CancellationToken.None);

        Assert.Equal(1, await queue.AbandonAsync([(task.Id, 1)], CancellationToken.None));

        Assert.Equal("pending 1 null", await EngineStateAsync(task.Id));
    }

    [Fact]
    public async Task Reap_RequeuesTheTasksOfAWorkerWhoseLeaseRanOut_CountingTheAttempt_AndLeavesLiveOnes()
    {
        var creator = await AddUserAsync();
        var lastAttempt = await AddAutomatedAsync(creator, TaskPriority.High, maxAttempts: 1);
        var expired = await AddAutomatedAsync(creator, TaskPriority.Normal);
        var (stalled, _) = await RegisteredQueueAsync();
        await stalled.ClaimAsync([Kind], 2, [], CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var live = await AddAutomatedAsync(creator, TaskPriority.Low);
        var (alive, aliveWorker) = await RegisteredQueueAsync();
        await alive.ClaimAsync([Kind], 1, [], CancellationToken.None);
        // Leased by a worker with no row (deleted, say: its heartbeat writes it again): it holds its tasks for a lease
        // after their claim, no longer.
        var unregistered = await AddAutomatedAsync(creator, TaskPriority.Low);
        await HoldAsync(unregistered.Id, "gone", Now);
        var unregisteredLately = await AddAutomatedAsync(creator, TaskPriority.Low);
        await HoldAsync(unregisteredLately.Id, "gone", Now.AddSeconds(29));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(3, await alive.ReapAsync(10, CancellationToken.None));

        Assert.Equal([$"pending 2 {RunPolicy.LeaseExpiredReason}"], await RowAsync(expired.Id, "status || ' ' || attempt_count || ' ' || failure_reason"));
        // Its history as read: the take, at the claim, then the requeue with the reaper's reason.
        const string History = "FROM task_history_entries WHERE task_id = @id AND kind = 'transitioned' ORDER BY occurred_at";
        Assert.Equal(["take ", $"requeue {RunPolicy.LeaseExpiredReason}"], await ColumnAsync<string>($"SELECT trigger || ' ' || coalesce(reason, '') {History}", ("id", expired.Id)));
        Assert.Equal([Now, Now.AddSeconds(31)], await ColumnAsync<DateTimeOffset>($"SELECT occurred_at {History}", ("id", expired.Id)));
        Assert.Equal("failed 1 no item", await EngineStateAsync(lastAttempt.Id));
        Assert.Equal("pending 2 null", await EngineStateAsync(unregistered.Id));
        Assert.Equal($"running 1 {aliveWorker}", await EngineStateAsync(live.Id));
        Assert.Equal("running 1 gone", await EngineStateAsync(unregisteredLately.Id));
    }

    [Fact]
    public async Task ReleaseLost_RequeuesTheAttemptsItNamesThatThisWorkerHolds_CountingThem()
    {
        var creator = await AddUserAsync();
        var lost = await AddAutomatedAsync(creator, TaskPriority.High);
        var stillRunning = await AddAutomatedAsync(creator, TaskPriority.Normal);
        var elsewhere = await AddAutomatedAsync(creator, TaskPriority.Low);
        var (queue, worker) = await RegisteredQueueAsync();
        await queue.ClaimAsync([Kind], 2, [], CancellationToken.None);
        var (other, otherWorker) = await RegisteredQueueAsync();
        await other.ClaimAsync([Kind], 1, [], CancellationToken.None);

        // An attempt number that is not the current one, and a task another worker holds, change nothing.
        var released = await queue.ReleaseLostAsync([(lost.Id, 1), (stillRunning.Id, 2), (elsewhere.Id, 1)], CancellationToken.None);

        Assert.Equal(1, released);
        Assert.Equal([$"pending 2 {RunPolicy.LeaseExpiredReason}"], await RowAsync(lost.Id, "status || ' ' || attempt_count || ' ' || failure_reason"));
        Assert.Equal($"running 1 {worker}", await EngineStateAsync(stillRunning.Id));
        Assert.Equal($"running 1 {otherWorker}", await EngineStateAsync(elsewhere.Id));
    }

    [Fact]
    public async Task ReadTasks_ShowTheLeaseOfTheWorkerThatHoldsThem()
    {
        var creator = await AddUserAsync();
        var running = await AddAutomatedAsync(creator, TaskPriority.High);
        var pending = await AddAutomatedAsync(creator, TaskPriority.Low);
        var (queue, _) = await RegisteredQueueAsync();
        await queue.ClaimAsync([Kind], 1, [], CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(7));
        LastHeartbeat().Extend([Kind]);

        await using var scope = _providers[^1].CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
        var found = await tasks.FindAsync(running.Id, CancellationToken.None);
        var listed = await tasks.ListAsync(new ListTasksQuery(Kind: Kind), new TaskVisibility(AllTeams: true, new HashSet<Guid>()), CancellationToken.None);

        Assert.Equal(Now.AddSeconds(37), found!.Run.LeaseExpiresAt);
        Assert.Equal(
            [(running.Id, (DateTimeOffset?)Now.AddSeconds(37)), (pending.Id, null)],
            listed.Items.Select(task => (task.Id, task.Run.LeaseExpiresAt)).OrderBy(entry => entry.Id == pending.Id));
    }

    [Fact]
    public async Task Register_WritesTheWorker_AndItsStop()
    {
        var (queue, worker) = Queue();

        await queue.RegisterAsync([Kind, "system.noop"], stopped: false, CancellationToken.None);
        Assert.Equal([$"{worker} {{{Kind},system.noop}} 10 running"], await ColumnAsync<string>("SELECT id || ' ' || kinds::text || ' ' || concurrency || ' ' || CASE WHEN stopped_at IS NULL THEN 'running' ELSE 'stopped' END FROM workers"));

        await queue.RegisterAsync([Kind], stopped: true, CancellationToken.None);
        Assert.Equal(["stopped"], await ColumnAsync<string>("SELECT CASE WHEN stopped_at IS NULL THEN 'running' ELSE 'stopped' END FROM workers"));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public async Task ArchiveEnded_ArchivesAutomatedTasksThatEndedBeforeTheCutoff_AndNothingElse()
    {
        var creator = await AddUserAsync();
        var longDone = await AddAutomatedAsync(creator);
        await ChangeAsync(longDone.Id, task => { task.StartRun("w", Now.AddDays(-9), Now.AddDays(-10)); task.CompleteRun(null, Now.AddDays(-10)); });
        var longDead = await AddAutomatedAsync(creator, maxAttempts: 1);
        await ChangeAsync(longDead.Id, task => { task.StartRun("w", Now.AddDays(-9), Now.AddDays(-10)); task.FailRun("broken", null, Now.AddDays(-10)); });
        var recentlyDone = await AddAutomatedAsync(creator);
        await ChangeAsync(recentlyDone.Id, task => { task.StartRun("w", Now, Now.AddDays(-1)); task.CompleteRun(null, Now.AddDays(-1)); });
        var longPending = await AddAutomatedAsync(creator, createdAt: Now.AddDays(-10));
        var longManualDone = await AddTaskAsync(creator, task => { task.Take(creator, Now.AddDays(-10)); task.Complete(creator, null, Now.AddDays(-10)); }, createdAt: Now.AddDays(-10));
        var (queue, _) = Queue();

        var archived = await queue.ArchiveEndedAsync(Now.AddDays(-7), 100, CancellationToken.None);

        Assert.Equal(2, archived);
        var rows = await ColumnAsync<string>("SELECT id::text || ' ' || (archived_at IS NOT NULL) FROM tasks ORDER BY id");
        Assert.Equal(
            new[] { $"{longDone.Id} true", $"{longDead.Id} true", $"{recentlyDone.Id} false", $"{longPending.Id} false", $"{longManualDone.Id} false" }.Order(),
            rows.Order());
        Assert.Equal(2L, (await ColumnAsync<long>("SELECT count(*) FROM task_history WHERE kind = 'archived' AND actor_id = @engine", ("engine", SystemActors.Engine.UserId)))[0]);
    }

    private (TaskQueue Queue, string WorkerId) Queue(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services => services.AddSingleton<TimeProvider>(_clock).AddSingleton<LeaseHeartbeat>());
        _providers.Add(provider);
        return (provider.GetRequiredService<TaskQueue>(), provider.GetRequiredService<WorkerIdentity>().Id);
    }

    /// <summary>A <see cref="Queue"/> whose worker registered, as a worker process does before it claims: its claims then hold their tasks by a lease.</summary>
    private async Task<(TaskQueue Queue, string WorkerId)> RegisteredQueueAsync(params (string Key, string Value)[] settings)
    {
        var (queue, worker) = Queue(settings);
        await queue.RegisterAsync([Kind], stopped: false, CancellationToken.None);
        return (queue, worker);
    }

    /// <summary>The counters once two readings half a second apart agree: what ended connections report has arrived.</summary>
    private async Task<(long Scans, (long TaskUpdates, long ItemUpdates) Updates)> SettledScansAndUpdatesOfTasksAsync()
    {
        var last = await ScansAndUpdatesOfTasksAsync();
        while (true)
        {
            await Task.Delay(500);
            var now = await ScansAndUpdatesOfTasksAsync();
            if (now == last)
            {
                return now;
            }

            last = now;
        }
    }

    /// <summary>Sequential scans of tasks and work items together, and the rows updated in each.</summary>
    private async Task<(long Scans, (long TaskUpdates, long ItemUpdates) Updates)> ScansAndUpdatesOfTasksAsync()
    {
        var counts = await ColumnAsync<long>("""
            SELECT unnest(ARRAY[sum(seq_scan), sum(n_tup_upd) FILTER (WHERE relname = 'tasks'), sum(n_tup_upd) FILTER (WHERE relname = 'work_items')])::bigint
            FROM pg_stat_user_tables WHERE relname IN ('tasks', 'work_items')
            """);
        return (counts[0], (counts[1], counts[2]));
    }

    private Task<List<DateTimeOffset>> WorkerLeaseAsync(string worker) =>
        ColumnAsync<DateTimeOffset>("SELECT lease_until FROM workers WHERE id = @id", ("id", worker));

    private async Task<(long Hot, long Updated)> WorkerUpdatesAsync()
    {
        var counts = await ColumnAsync<string>("SELECT n_tup_hot_upd || ' ' || n_tup_upd FROM pg_stat_user_tables WHERE relname = 'workers'");
        var parts = counts[0].Split(' ');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The rows updated in tasks and in workers since the statistics were reset (HOT or not).</summary>
    private async Task<(long Tasks, long Workers)> UpdatesAsync()
    {
        var counts = await ColumnAsync<long>("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname IN ('tasks', 'workers') ORDER BY relname");
        return (counts[0], counts[1]);
    }

    /// <summary>The heartbeat of the worker <see cref="Queue"/> made last.</summary>
    private LeaseHeartbeat LastHeartbeat() => _providers[^1].GetRequiredService<LeaseHeartbeat>();

    private async Task<TaskItem> AddAutomatedAsync(
        Actor creator, TaskPriority priority = TaskPriority.Normal, DateTimeOffset? createdAt = null, string kind = Kind, DateTimeOffset? runAfter = null, int maxAttempts = 3)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create("An automated task", null, priority, null, false, creator, createdAt ?? Now, automation: new TaskAutomation(kind, null, maxAttempts, runAfter));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    private Task<int> InsertAutomatedAsync(Actor creator, int count) => ExecuteAsync(
        """
        WITH inserted AS (
            INSERT INTO tasks (id, title, priority, status, created_by, created_at, updated_at, attempt_count, kind, max_attempts)
            SELECT gen_random_uuid(), 'bulk ' || n, 1, 'pending', @creator, @now, @now, 1, @kind, 3 FROM generate_series(1, @count) AS n
            RETURNING id, kind, priority, created_at, created_by)
        INSERT INTO work_items (id, kind, priority, created_at, created_by) SELECT * FROM inserted
        """,
        ("creator", creator.UserId), ("now", Now), ("kind", Kind), ("count", count));

    /// <summary>Leases the task's work item to <paramref name="worker"/> as a claim at <paramref name="at"/> would.</summary>
    private Task<int> HoldAsync(Guid taskId, string worker, DateTimeOffset at) =>
        ExecuteAsync("UPDATE work_items SET leased_by = @worker, leased_at = @at WHERE id = @id", ("worker", worker), ("at", at), ("id", taskId));

    /// <summary>
    /// The task as the engine sees it: its status (running while a worker holds its work item), its attempt, and who
    /// holds its item ("null": nobody; "no item": it has none).
    /// </summary>
    private async Task<string> EngineStateAsync(Guid taskId) => (await ColumnAsync<string>(
        """
        SELECT CASE WHEN item.leased_by IS NOT NULL THEN 'running' ELSE task.status END || ' ' || task.attempt_count || ' '
               || CASE WHEN item.id IS NULL THEN 'no item' ELSE coalesce(item.leased_by, 'null') END
        FROM tasks AS task LEFT JOIN work_items AS item ON item.id = task.id WHERE task.id = @id
        """,
        ("id", taskId))).Single();

    private Task<List<string>> RowAsync(Guid taskId, string expression) =>
        ColumnAsync<string>($"SELECT {expression} FROM tasks WHERE id = @id", ("id", taskId));
}
