using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// The worker engine's statements against PostgreSQL. It locks the rows (FOR UPDATE, SKIP LOCKED where several
/// workers compete, so no two workers hold one task), asks <see cref="RunPolicy"/> (Application) what to do with
/// them, which walks each task through the aggregate (StartRun, CompleteRun, FailRun, AbandonRun) so automated tasks
/// follow the same lifecycle and history as people's, and writes the result per batch with <see cref="TaskBatchWriter"/>.
/// Nothing here decides.
/// The queries name xmin besides * because * leaves out system columns, and xmin is the concurrency token.
/// </summary>
internal sealed class TaskQueue(IServiceScopeFactory scopes, WorkerIdentity worker, WorkerLeaseClock lease, RunPolicy policy, IOptions<WorkerOptions> options, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<(Guid CreatedBy, string Kind), int> NoneRunning = new Dictionary<(Guid CreatedBy, string Kind), int>();

    private readonly WorkerOptions _options = options.Value;

    /// <summary>
    /// Takes up to <paramref name="limit"/> runnable tasks of <paramref name="kinds"/>, highest priority then oldest
    /// first, leaving out the tasks this process still runs, paused kinds, and (fairness) submitters at their limit.
    /// </summary>
    public async Task<IReadOnlyList<TaskRun>> ClaimAsync(IReadOnlyCollection<string> kinds, int limit, IReadOnlyCollection<Guid> runningHere, CancellationToken cancellationToken)
    {
        // Before the wall clock's now: the lease a renewal writes then ends no earlier than the one this process counts on.
        var startedAt = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        Guid[] excluded = [.. runningHere];
        var cap = policy.MaxRunningPerCreator;
        var candidates = policy.CandidatesFor(limit);

        string[] kindList = [.. kinds];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The claim reads and locks work items, the narrow rows of the runnable automated tasks, not the tasks
        // (docs/adr/0031-work-items.md). The inner query locks the items it picks and skips items other workers have
        // locked, so concurrent claims never block on, or take, the same task. Its ids come back as one array (an
        // InitPlan) that the outer read looks up by primary key: joined as `id IN (...)`, the generic plan of the
        // prepared statement, which guesses its LIMIT, read the whole table to join them
        // (TaskQueueTests.Claims_ReadTasksByIndex_…); the reaper is written the same way. Submitters already at their
        // running limit for a kind are left out before the LIMIT, so a flood of one submitter's tasks cannot fill
        // every batch. Paused kinds leave the list of kinds once, before the scan (an InitPlan whose array the scan
        // filters by), rather than through a NOT EXISTS per row: the planner cannot estimate that anti-join, and on a
        // guess of one row it sorted every runnable task instead of reading the claim index. When every kind is
        // paused, the EXISTS (a one-time filter) stops the claim before it reads any row.
        var tasks = await db.Tasks.FromSql($"""
            SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY(ARRAY(
                SELECT id FROM work_items AS candidate
                WHERE leased_by IS NULL
                  AND kind = ANY(ARRAY(SELECT served FROM unnest({kindList}) AS served WHERE served NOT IN (SELECT kind FROM paused_kinds)))
                  AND EXISTS (SELECT FROM unnest({kindList}) AS served WHERE served NOT IN (SELECT kind FROM paused_kinds))
                  AND NOT (id = ANY({excluded}))
                  AND (run_after IS NULL OR run_after <= {now})
                  AND ({cap} = 0 OR (created_by, kind) NOT IN (
                      SELECT created_by, kind FROM work_items
                      WHERE leased_by IS NOT NULL
                      GROUP BY created_by, kind HAVING count(*) >= {cap}))
                ORDER BY priority DESC, created_at, id
                LIMIT {candidates}
                FOR UPDATE SKIP LOCKED))
            """).AsNoTracking().ToListAsync(cancellationToken);
        tasks = await WithoutStraysAsync(db, tasks, task => task is { IsAutomated: true, Status: TaskItemStatus.Pending, IsArchived: false }, cancellationToken);

        // The policy orders the candidates and keeps those it takes; without a fairness limit it needs no running counts.
        var claimed = policy.WithinFairShare(tasks, cap == 0 ? NoneRunning : await RunningPerCreatorAsync(db, tasks, cancellationToken), limit);
        var leaseUntil = now + _options.LeaseDuration;
        var batch = new StatementBatch();
        // The tasks are held by this worker's lease (one for all its attempts). A heartbeat renewed it less than an
        // interval ago, as a rule; when none did (the first claim, a failing heartbeat), the claim renews it.
        var renews = claimed.Count > 0 && lease.IsDueAt(startedAt);
        if (renews)
        {
            batch.Add(WorkerLease.Renewal, WorkerLease.RenewalParameters(worker, kindList, _options.Concurrency, now, leaseUntil));
        }

        foreach (var task in claimed)
        {
            task.StartRun(worker.Id, leaseUntil, now);
        }

        WorkItemWrites.AddLease(batch, [.. claimed.Select(task => task.Id)], worker.Id, now);
        await TaskBatchWriter.WriteClaimedAsync(db, batch, claimed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (renews)
        {
            lease.Renewed(startedAt);
        }

        return [.. claimed.Select(ToRun)];
    }

    /// <summary>
    /// How long until the earliest pending task of <paramref name="kinds"/> (paused kinds left out) whose run-after is
    /// still ahead falls due; null when there is none. A worker whose claim came back short asks, and sleeps until
    /// then: a retry's backoff or a scheduled submission is announced when it is written, not when it falls due.
    /// It reads what an empty claim reads (the claim index, and run_after in each item), no more.
    /// </summary>
    /// <param name="kinds">The kinds the worker serves.</param>
    /// <param name="claimedAsOf">No later than the instant the short claim judged what was due by. A task that fell due
    /// between that instant and now was not due for the claim: it counts here (due in zero or less, so the worker claims
    /// again at once). Judged by now instead, a task falling due in that gap was in neither, and the worker slept a whole
    /// poll interval; a worker woken by its timer exactly at a run-after claims in that gap.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<TimeSpan?> NextDueInAsync(IReadOnlyCollection<string> kinds, DateTimeOffset claimedAsOf, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        string[] kindList = [.. kinds];
        var next = await db.Database.SqlQuery<DateTimeOffset?>($"""
            SELECT min(run_after) AS "Value" FROM work_items
            WHERE leased_by IS NULL AND kind = ANY({kindList}) AND run_after > {claimedAsOf}
              AND kind NOT IN (SELECT kind FROM paused_kinds)
            """).SingleAsync(cancellationToken);
        return next - clock.GetUtcNow();
    }

    /// <summary>
    /// Records how attempts ended: completes, requeues with backoff, or fails for good. An outcome for an attempt
    /// the task has moved past (cancelled, reaped, claimed again) is dropped: that attempt no longer counts.
    /// </summary>
    /// <returns>How many outcomes were recorded.</returns>
    public Task<int> FinishAsync(IReadOnlyList<AttemptOutcome> outcomes, CancellationToken cancellationToken)
    {
        var results = outcomes.ToDictionary(outcome => outcome.TaskId, outcome => outcome.Result);
        return ChangeHeldAsync(
            outcomes.Select(outcome => (outcome.TaskId, outcome.Attempt)),
            (task, now) => policy.RecordOutcome(task, results[task.Id], now),
            cancellationToken);
    }

    /// <summary>Gives back attempts this worker will not finish (it is shutting down): pending again, not counted.</summary>
    public Task<int> AbandonAsync(IReadOnlyCollection<(Guid TaskId, int Attempt)> attempts, CancellationToken cancellationToken) =>
        ChangeHeldAsync(attempts, (task, now) => task.AbandonRun(now), cancellationToken);

    /// <summary>
    /// Treats attempts this worker holds but no longer runs as lost, as the reaper would once the worker's lease ran
    /// out: requeued with the attempt counted, or failed when it was the last. Their handler was stopped here (fenced,
    /// or its outcome could not be recorded), and the worker's lease, which its heartbeat keeps extending, would
    /// otherwise hold them for as long as the process lives.
    /// </summary>
    public Task<int> ReleaseLostAsync(IReadOnlyCollection<(Guid TaskId, int Attempt)> attempts, CancellationToken cancellationToken) =>
        ChangeHeldAsync(attempts, policy.LoseLease, cancellationToken);

    /// <summary>
    /// Requeues (or, out of attempts, fails) up to <paramref name="limit"/> running tasks whose worker's lease ran out,
    /// or, held by a worker with no row (deleted meanwhile: its heartbeat writes it again), a lease after their claim;
    /// any worker may run it.
    /// </summary>
    public Task<int> ReapAsync(int limit, CancellationToken cancellationToken) => ChangeLockedAsync(
        async (db, now) =>
        {
            // Two reads, so that each task learns which worker held it (the overlay a read of tasks alone lacks): the
            // items, locked and skipped when locked (another reaper's, or an outcome's of the worker itself, late but
            // alive after all), then their tasks.
            var held = await db.Database.SqlQuery<HeldItem>($"""
                SELECT id, leased_by FROM work_items AS item
                WHERE leased_by IS NOT NULL
                  AND NOT EXISTS (SELECT FROM workers WHERE workers.id = item.leased_by AND workers.lease_until >= {now})
                  AND (leased_at < {now - _options.LeaseDuration} OR EXISTS (SELECT FROM workers WHERE workers.id = item.leased_by))
                ORDER BY leased_at, id
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """).ToDictionaryAsync(item => item.Id, item => item.LeasedBy, cancellationToken);
            return await HeldTasksAsync(db, held, cancellationToken);
        },
        _ => true,
        policy.LoseLease,
        TaskBatchWriter.WriteAsync,
        cancellationToken);

    /// <summary>
    /// Retention: archives up to <paramref name="limit"/> automated tasks that ended (done, cancelled, dead) before
    /// <paramref name="endedBefore"/>; archived tasks leave the default list, and the cleanup job deletes them later.
    /// </summary>
    public Task<int> ArchiveEndedAsync(DateTimeOffset endedBefore, int limit, CancellationToken cancellationToken) => ChangeLockedAsync(
        (db, _) => db.Tasks.FromSql($"""
            SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY(ARRAY(
                SELECT id FROM tasks
                WHERE kind <> 'manual' AND archived_at IS NULL AND status IN ('done', 'cancelled', 'failed')
                  AND updated_at < {endedBefore}
                ORDER BY updated_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED))
            """).AsNoTracking().ToListAsync(cancellationToken),
        _ => true,
        (task, now) => task.ArchiveEndedRun(now),
        TaskBatchWriter.WriteArchivedAsync,
        cancellationToken);

    /// <summary>
    /// Writes this worker's registration (GET /api/v1/workers), as started or as stopped. Stopped, its lease ends
    /// then: whatever it still holds (what it could not give back) is free for other workers at once, not a lease later.
    /// </summary>
    public async Task RegisterAsync(IReadOnlyCollection<string> kinds, bool stopped, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        string[] kindList = [.. kinds];
        DateTimeOffset? stoppedAt = stopped ? now : null;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, stopped_at)
            VALUES ({worker.Id}, {worker.Host}, {worker.ProcessId}, {kindList}, {_options.Concurrency}, {now}, {now}, {stoppedAt})
            ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, stopped_at = excluded.stopped_at,
                lease_until = CASE WHEN excluded.stopped_at IS NULL THEN workers.lease_until ELSE excluded.stopped_at END
            """, cancellationToken);
    }

    private static TaskRun ToRun(TaskItem task) => new(
        task.Id,
        task.Kind,
        task.Title,
        task.Run.Input is null ? null : JsonDocument.Parse(task.Run.Input).RootElement.Clone(),
        task.Run.AttemptCount,
        task.Run.MaxAttempts);

    /// <summary>How many tasks of each kind the submitters of <paramref name="candidates"/> have running, for fairness.</summary>
    private static async Task<Dictionary<(Guid CreatedBy, string Kind), int>> RunningPerCreatorAsync(ApplicationDbContext db, List<TaskItem> candidates, CancellationToken cancellationToken)
    {
        Guid[] creators = [.. candidates.Select(task => task.CreatedBy).Distinct()];
        var running = await db.WorkItems.AsNoTracking()
            .Where(item => item.LeasedBy != null && creators.Contains(item.CreatedBy))
            .GroupBy(item => new { item.CreatedBy, item.Kind })
            .Select(group => new { group.Key.CreatedBy, group.Key.Kind, Count = group.Count() })
            .ToListAsync(cancellationToken);
        return running.ToDictionary(entry => (entry.CreatedBy, entry.Kind), entry => entry.Count);
    }

    /// <summary>
    /// The tasks of the items in <paramref name="held"/> (id and the worker that holds it), locked, each shown as
    /// held by its worker (TaskItem.ShowHeldBy): their rows read pending while a worker runs them. The caller locked
    /// the items first (the lock order of <see cref="WorkItemWrites"/>).
    /// </summary>
    private static async Task<List<TaskItem>> HeldTasksAsync(ApplicationDbContext db, IReadOnlyDictionary<Guid, string> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return [];
        }

        Guid[] ids = [.. held.Keys];
        var tasks = await db.Tasks.FromSql($"SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY({ids}) FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken);
        return await ShowHeldAsync(db, tasks, task => held[task.Id], cancellationToken);
    }

    /// <summary>
    /// Shows each of <paramref name="tasks"/> as held by its worker (<paramref name="holder"/>): their rows read pending
    /// while a worker runs them (TaskItem.ShowHeldBy). A row that cannot be held is left out (<see cref="WithoutStraysAsync"/>).
    /// </summary>
    private static async Task<List<TaskItem>> ShowHeldAsync(ApplicationDbContext db, List<TaskItem> tasks, Func<TaskItem, string> holder, CancellationToken cancellationToken)
    {
        var held = await WithoutStraysAsync(db, tasks, task => task is { IsAutomated: true, Status: TaskItemStatus.Pending, IsArchived: false }, cancellationToken);
        foreach (var task in held)
        {
            task.ShowHeldBy(holder(task), leaseUntil: null);
        }

        return held;
    }

    /// <summary>
    /// The tasks whose row can have the item the engine locked (<paramref name="canHaveItem"/>); the items of the others
    /// are deleted. Only SQL written behind the application's back makes such an item (WorkItemWrites keeps them in
    /// step), and left in place it would come first in every claim or reap and stop it.
    /// </summary>
    private static async Task<List<TaskItem>> WithoutStraysAsync(ApplicationDbContext db, List<TaskItem> tasks, Func<TaskItem, bool> canHaveItem, CancellationToken cancellationToken)
    {
        Guid[] strays = [.. tasks.Where(task => !canHaveItem(task)).Select(task => task.Id)];
        if (strays.Length == 0)
        {
            return tasks;
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM work_items WHERE id = ANY({strays})", cancellationToken);
        return [.. tasks.Where(canHaveItem)];
    }

    /// <summary>Locks the tasks, applies <paramref name="change"/> to those this worker still holds at that attempt, and commits.</summary>
    private Task<int> ChangeHeldAsync(IEnumerable<(Guid TaskId, int Attempt)> attempts, Action<TaskItem, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        var wanted = attempts.ToDictionary(attempt => attempt.TaskId, attempt => attempt.Attempt);
        if (wanted.Count == 0)
        {
            return Task.FromResult(0);
        }

        Guid[] ids = [.. wanted.Keys];
        return ChangeLockedAsync(
            async (db, _) =>
            {
                // The items this worker still holds, locked first, then their tasks, in one statement (the InitPlan
                // locks the items before the outer scan locks the tasks).
                var tasks = await db.Tasks.FromSql($"""
                    SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY(ARRAY(
                        SELECT id FROM work_items WHERE id = ANY({ids}) AND leased_by = {worker.Id} FOR UPDATE))
                    FOR UPDATE
                    """).AsNoTracking().ToListAsync(cancellationToken);
                return await ShowHeldAsync(db, tasks, _ => worker.Id, cancellationToken);
            },
            task => RunPolicy.Holds(task, worker.Id, wanted[task.Id]),
            change,
            TaskBatchWriter.WriteAsync,
            cancellationToken);
    }

    /// <summary>
    /// In one transaction: loads the rows <paramref name="load"/> locks, walks those it <paramref name="keeps"/>
    /// through the aggregate with <paramref name="change"/>, writes them with <paramref name="write"/>, and commits.
    /// </summary>
    /// <returns>How many tasks were changed.</returns>
    private async Task<int> ChangeLockedAsync(
        Func<ApplicationDbContext, DateTimeOffset, Task<List<TaskItem>>> load,
        Func<TaskItem, bool> keeps,
        Action<TaskItem, DateTimeOffset> change,
        Func<ApplicationDbContext, IReadOnlyList<TaskItem>, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await load(db, now);
        var changed = locked.Where(keeps).ToList();
        foreach (var task in changed)
        {
            change(task, now);
        }

        await write(db, changed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed.Count;
    }

    /// <summary>A held work item as the reaper reads it (the snake_case convention names the columns).</summary>
    private sealed record HeldItem(Guid Id, string LeasedBy);
}
