using System.Diagnostics;
using System.Net;
using Npgsql;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Queues;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Workers;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Engine;

/// <summary>Automated tasks over HTTP, run by the worker engine in the same host on real PostgreSQL.</summary>
[Collection(EngineTestGroup.Name)]
public sealed class EngineTests(EngineApiFactory factory) : ApiTestBase(factory)
{
    private readonly EngineApiFactory _engine = factory;

    [Fact]
    public async Task AnEvenTitle_Completes_WithSuccess_RunByTheEngine()
    {
        var user = await SignUpAsync();

        var created = await SubmitAsync(user, new { title = "Even", kind = "demo.title-parity", input = new { note = "kept as given" } });
        var done = await WaitForAsync(user, created.Id, task => task.Status == TaskItemStatus.Done);

        Assert.Equal(("demo.title-parity", "success", SystemActors.Engine.UserId, 1, false), (done.Kind, done.Result, done.OwnerId, done.AttemptCount, done.IsDead));
        Assert.Equal("kept as given", done.Input!.Value.GetProperty("note").GetString());
        Assert.Null(done.LeasedBy);
        Assert.Equal(
            [(TaskTrigger.Take, SystemActors.Engine.UserId), (TaskTrigger.Complete, SystemActors.Engine.UserId)],
            (await HistoryAsync(user, created.Id)).Select(entry => (entry.Trigger!.Value, entry.ActorId)));
    }

    [Fact]
    public async Task AnOddTitle_IsRetried_UntilItsAttemptsAreUsed_ThenListedAsDead_AndRetryRevivesIt()
    {
        // A manager: the queue counts are for managers and admins.
        var user = await SignUpAsync("manager");

        var created = await SubmitAsync(user, new { title = "Odd", kind = "demo.title-parity", maxAttempts = 2 });
        var dead = await WaitForAsync(user, created.Id, task => task.Status == TaskItemStatus.Failed);

        Assert.Equal((2, 2, "error", true), (dead.AttemptCount, dead.MaxAttempts, dead.FailureReason, dead.IsDead));
        Assert.Equal(
            [TaskTrigger.Take, TaskTrigger.Requeue, TaskTrigger.Take, TaskTrigger.Fail],
            (await HistoryAsync(user, created.Id)).Select(entry => entry.Trigger!.Value));
        Assert.Equal([created.Id], (await ListAsync(user, "?status=failed&dead=true")).Items.Select(task => task.Id));
        Assert.Empty((await ListAsync(user, "?status=failed&dead=false")).Items);
        Assert.Equal([TaskTrigger.Retry], dead.AllowedActions);
        var queue = (await (await user.Client.GetAsync("/api/v1/queues")).ReadAsync<List<QueueDto>>()).Single(entry => entry.Kind == "demo.title-parity");
        Assert.Equal((1, 0, 0, 0), (queue.Dead, queue.Pending, queue.Retrying, queue.Running));

        await FireOkAsync(user, created.Id, "retry");
        var deadAgain = await WaitForAsync(user, created.Id, task => task.Status == TaskItemStatus.Failed);
        Assert.Equal((3, 3, true), (deadAgain.AttemptCount, deadAgain.MaxAttempts, deadAgain.IsDead));
    }

    [Fact]
    public async Task CancellingARunningTask_CancelsItsHandler()
    {
        var user = await SignUpAsync();
        var created = await SubmitAsync(user, new { title = "Blocks until cancelled", kind = BlockingHandler.KindName });
        await _engine.Blocking.StartedAsync(created.Id);

        var cancelled = await FireOkAsync(user, created.Id, "cancel", new { reason = "Not needed" });

        Assert.Equal((TaskItemStatus.Cancelled, (string?)null), (cancelled.Status, cancelled.LeasedBy));
        // The worker's next heartbeat finds the lease gone and cancels the handler's token.
        await _engine.Blocking.CancelledAsync(created.Id);
        Assert.Equal(TaskItemStatus.Cancelled, (await GetTaskAsync(user, created.Id)).Status);
    }

    [Fact]
    public async Task ARunningTask_ShowsItsWorkerAndLease()
    {
        var user = await SignUpAsync();
        // The lease is on the worker's row, which emptying the database for this test removed until its next heartbeat.
        await WorkerIdAsync();
        var created = await SubmitAsync(user, new { title = "Shows its lease", kind = BlockingHandler.KindName });
        await _engine.Blocking.StartedAsync(created.Id);

        var running = await GetTaskAsync(user, created.Id);
        var listed = (await ListAsync(user, $"?kind={BlockingHandler.KindName}")).Items.Single();
        var workerLease = await ScalarAsync<DateTimeOffset>("SELECT lease_until FROM workers WHERE id = @id", ("id", running.LeasedBy!));
        await FireOkAsync(user, created.Id, "cancel");

        Assert.Equal(TaskItemStatus.Running, running.Status);
        Assert.StartsWith($"{Environment.MachineName}:{Environment.ProcessId}:", running.LeasedBy, StringComparison.Ordinal);
        Assert.Equal([TaskTrigger.Cancel], running.AllowedActions);
        // The lease is its worker's (one for all the attempts it runs), read with the task; the heartbeat moves it on
        // every 0.2 s, so the one read last is the latest.
        Assert.NotNull(running.LeaseExpiresAt);
        Assert.True(running.LeaseExpiresAt <= listed.LeaseExpiresAt && listed.LeaseExpiresAt <= workerLease, $"{running.LeaseExpiresAt:O}, {listed.LeaseExpiresAt:O}, {workerLease:O}");
        Assert.True(running.LeaseExpiresAt > DateTimeOffset.UtcNow.AddSeconds(5), $"{running.LeaseExpiresAt:O} is not about a lease (10 s) ahead");
    }

    [Fact]
    public async Task AnAttemptHeldByThisWorker_ThatItDoesNotRun_IsReleasedAsALostLease_AndRunAgain()
    {
        var user = await SignUpAsync();
        var created = await SubmitAsync(user, new { title = "Even", kind = "demo.title-parity", runAfter = DateTimeOffset.UtcNow.AddHours(1) });
        // Each test starts on an emptied database; the worker's next heartbeat writes its row again.
        var worker = await WorkerIdAsync();

        // Leased to this host's worker, which runs no handler for it: what a claim leaves when the handler was fenced,
        // or its outcome could not be recorded. The worker's heartbeat keeps its lease alive, so no reaper frees it.
        Assert.Equal(1L, await ExecuteAsync(
            """
            WITH held AS (UPDATE work_items SET leased_by = @worker, leased_at = now(), run_after = NULL WHERE id = @id RETURNING id)
            UPDATE tasks SET run_after = NULL WHERE id IN (SELECT id FROM held)
            """,
            ("worker", worker), ("id", created.Id)));
        var done = await WaitForAsync(user, created.Id, task => task.Status == TaskItemStatus.Done);

        Assert.Equal(2, done.AttemptCount);
        var requeue = (await HistoryAsync(user, created.Id)).Single(entry => entry.Trigger == TaskTrigger.Requeue);
        Assert.Equal(RunPolicy.LeaseExpiredReason, requeue.Reason);
    }

    [Fact]
    public async Task RunAfter_HoldsTheTaskBack_UntilItsTime()
    {
        var user = await SignUpAsync();
        var runAfter = DateTimeOffset.UtcNow.AddSeconds(3);

        var created = await SubmitAsync(user, new { title = "Even", kind = "demo.title-parity", runAfter });
        var pending = await GetTaskAsync(user, created.Id);
        var done = await WaitForAsync(user, created.Id, task => task.Status == TaskItemStatus.Done);

        Assert.Equal(TaskItemStatus.Pending, pending.Status);
        var taken = (await HistoryAsync(user, created.Id)).First(entry => entry.Trigger == TaskTrigger.Take);
        Assert.True(taken.OccurredAt >= runAfter, $"taken at {taken.OccurredAt:O}, before {runAfter:O}");
        Assert.Equal(TaskItemStatus.Done, done.Status);
    }

    [Fact]
    public async Task People_CannotTakeAnAutomatedTask()
    {
        var user = await SignUpAsync();
        var created = await SubmitAsync(user, new { title = "Later", kind = "demo.title-parity", runAfter = DateTimeOffset.UtcNow.AddHours(1) });

        await Problem.AssertAsync(await FireAsync(user, created.Id, "take"), HttpStatusCode.Conflict, TaskErrors.AutomatedTaskCode);
        Assert.Equal([TaskTrigger.Cancel], created.AllowedActions);
    }

    [Fact]
    public async Task APausedKind_IsNotClaimed_UntilResumed_AndTheQueueShowsIt()
    {
        var admin = await SignUpAsync("admin");
        var paused = await admin.Client.PostAsync("/api/v1/queues/demo.title-parity/pause", null);
        Assert.True((await paused.ReadAsync<QueueDto>()).Paused);
        try
        {
            var created = await SubmitAsync(admin, new { title = "Even", kind = "demo.title-parity" });
            // Several claim rounds (every 100 ms here) go by without taking it.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(TaskItemStatus.Pending, (await GetTaskAsync(admin, created.Id)).Status);
            var queue = (await (await admin.Client.GetAsync("/api/v1/queues")).ReadAsync<List<QueueDto>>()).Single(entry => entry.Kind == "demo.title-parity");
            Assert.Equal((true, 1, 0, 0), (queue.Paused, queue.Pending, queue.Running, queue.Dead));
            Assert.True(queue.OldestPendingSeconds > 0);

            var resumed = await admin.Client.PostAsync("/api/v1/queues/demo.title-parity/resume", null);
            Assert.False((await resumed.ReadAsync<QueueDto>()).Paused);
            await WaitForAsync(admin, created.Id, task => task.Status == TaskItemStatus.Done);
        }
        finally
        {
            await admin.Client.PostAsync("/api/v1/queues/demo.title-parity/resume", null);
        }
    }

    [Fact]
    public async Task Queues_CountEachKind_AndAnUnknownKindCannotBePaused()
    {
        var admin = await SignUpAsync("admin");
        var created = await SubmitAsync(admin, new { title = "Blocks", kind = BlockingHandler.KindName });
        await _engine.Blocking.StartedAsync(created.Id);
        await SubmitAsync(admin, new { title = "Later", kind = BlockingHandler.KindName, runAfter = DateTimeOffset.UtcNow.AddHours(1) });

        var queues = await (await admin.Client.GetAsync("/api/v1/queues")).ReadAsync<List<QueueDto>>();
        await FireOkAsync(admin, created.Id, "cancel");

        Assert.Equal(["demo.title-parity", "http.webhook", "system.noop", BlockingHandler.KindName], queues.Select(queue => queue.Kind).Order(StringComparer.Ordinal));
        var blocking = queues.Single(queue => queue.Kind == BlockingHandler.KindName);
        Assert.Equal((1, 1, 1, 0.0), (blocking.Running, blocking.Pending, blocking.Scheduled, blocking.OldestPendingSeconds));
        await Problem.AssertAsync(await admin.Client.PostAsync("/api/v1/queues/demo.nothing/pause", null), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await admin.Client.PostAsync("/api/v1/queues/manual/pause", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Workers_ListThisProcess_WithWhatItRuns()
    {
        var manager = await SignUpAsync("manager");
        var created = await SubmitAsync(manager, new { title = "Blocks", kind = BlockingHandler.KindName });
        await _engine.Blocking.StartedAsync(created.Id);

        var workers = await (await manager.Client.GetAsync("/api/v1/workers")).ReadAsync<List<WorkerDto>>();
        await FireOkAsync(manager, created.Id, "cancel");

        var me = workers.Single(worker => worker.Status == WorkerStatus.Active && worker.ProcessId == Environment.ProcessId);
        Assert.Contains(BlockingHandler.KindName, me.Kinds);
        Assert.Contains(me.Running, attempt => attempt.TaskId == created.Id && attempt.Kind == BlockingHandler.KindName && attempt.Attempt == 1);
    }

    [Theory]
    [InlineData("""{"title":"t","kind":"demo.unknown"}""", "kind")]
    [InlineData("""{"title":"t","kind":"Not a kind"}""", "kind")]
    [InlineData("""{"title":"t","kind":"demo.title-parity","maxAttempts":0}""", "maxAttempts")]
    [InlineData("""{"title":"t","maxAttempts":2}""", "maxAttempts")]
    [InlineData("""{"title":"t","kind":"manual","input":{}}""", "input")]
    [InlineData("""{"title":"t","runAfter":"2030-01-01T00:00:00Z"}""", "runAfter")]
    public async Task BadAutomationFields_Are400_AndCreateNothing(string body, string field)
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Empty((await ListAsync(user, string.Empty)).Items);
    }

    private static async Task<TaskDto> SubmitAsync(TestUser user, object body)
    {
        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /tasks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TaskDto>();
    }

    /// <summary>This host's worker, once its row is back after the database was emptied for the test (a heartbeat: 0.2 s).</summary>
    private async Task<string> WorkerIdAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = await Factory.Database.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM workers WHERE stopped_at IS NULL AND process_id = @pid", connection);
            command.Parameters.AddWithValue("pid", Environment.ProcessId);
            if (await command.ExecuteScalarAsync() is string id)
            {
                return id;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "This host's worker wrote no row in 20 s.");
            await Task.Delay(50);
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row: {sql}");
        return reader.GetFieldValue<T>(0);
    }

    private async Task<long> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<PagedList<TaskDto>> ListAsync(TestUser user, string query) =>
        await (await user.Client.GetAsync($"/api/v1/tasks{query}")).ReadAsync<PagedList<TaskDto>>();

    private static async Task<IReadOnlyList<TaskHistoryEntryDto>> HistoryAsync(TestUser user, Guid id) =>
        (await (await user.Client.GetAsync($"/api/v1/tasks/{id}/history")).ReadAsync<PagedList<TaskHistoryEntryDto>>()).Items;

    /// <summary>Polls the task until <paramref name="condition"/> holds; fails after 20 s (the engine acts in tenths of seconds here).</summary>
    private static async Task<TaskDto> WaitForAsync(TestUser user, Guid id, Func<TaskDto, bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var task = await GetTaskAsync(user, id);
            if (condition(task))
            {
                return task;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"Task {id} is still {task.Status} (attempt {task.AttemptCount}) after 20 s.");
            await Task.Delay(100);
        }
    }
}
