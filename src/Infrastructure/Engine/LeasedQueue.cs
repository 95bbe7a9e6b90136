using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>A row a claim of a <see cref="LeasedTable"/> took: its id, failed attempts so far, and whether an earlier holder lost it.</summary>
internal interface ILeasedRow
{
    Guid Id { get; }

    int Attempts { get; }

    /// <summary>Another holder (or an unfinished claim of this worker's) held the row and never finished it: that attempt was lost.</summary>
    bool Lost { get; }
}

/// <summary>
/// The one mechanism behind every queue of leased work kept in a table of its own (the outbox, emails, webhook
/// deliveries; the engine's tasks keep their own claim for their lifecycle, and share the lease): a claim locks due
/// rows no one else holds (<c>FOR UPDATE SKIP LOCKED</c>) and marks them held by this worker; the worker's lease
/// (<c>workers.lease_until</c>, renewed by its heartbeat, <see cref="WorkerLease"/>) holds all of them, so a process
/// that dies or freezes loses every row it holds at once, to the next claim of any worker, which counts the lost
/// attempt as a failure. <see cref="RetryRule"/> (Application) decides what a failure does; this writes it.
/// </summary>
internal sealed class LeasedQueue(WorkerIdentity worker, WorkerLeaseRenewal leaseRenewal, TimeProvider clock)
{
    /// <summary>The longest error a leased table keeps (its <c>last_error</c> column's length).</summary>
    public const int LastErrorMaxLength = 2_000;

    /// <summary>
    /// Takes up to <paramref name="limit"/> due rows of <paramref name="table"/> for this worker, in the table's order.
    /// <paramref name="returning"/> adds the columns <typeparamref name="TRow"/> reads beyond id, attempts and lost
    /// (qualified as <c>item</c>; the columns' snake_case names are its properties' names). Renews this worker's lease
    /// first when no renewal is recent (<see cref="WorkerLeaseRenewal"/>).
    /// </summary>
    public async Task<List<TRow>> ClaimAsync<TRow>(ApplicationDbContext db, LeasedTable table, int limit, string? returning, CancellationToken cancellationToken)
        where TRow : class, ILeasedRow
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        await leaseRenewal.RenewIfDueAsync(db, cancellationToken);
        var sql = returning is null ? table.ClaimSql : $"{table.ClaimSql}, {returning}";
        return await db.Database.SqlQuery<TRow>(FormattableStringFactory.Create(sql, worker.Id, clock.GetUtcNow(), limit)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records that the rows <paramref name="ids"/> succeeded and gives them back: those this worker still holds (another
    /// may have taken one after this worker lost its lease, and that row is the other's).
    /// </summary>
    /// <returns>How many rows it recorded.</returns>
    public Task<int> CompleteAsync(ApplicationDbContext db, LeasedTable table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        Guid[] idList = [.. ids];
        return db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(Statement(table.CompleteSql, table), clock.GetUtcNow(), idList, worker.Id), cancellationToken);
    }

    /// <summary>
    /// <see cref="CompleteAsync"/> in the caller's transaction, answering which rows it recorded: the others another
    /// worker took after this one lost its lease, and they are that worker's now.
    /// </summary>
    public Task<List<Guid>> CompleteReturningIdsAsync(ApplicationDbContext db, LeasedTable table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        Guid[] idList = [.. ids];
        var sql = Statement(table.CompleteSql, table) + " RETURNING id AS \"Value\"";
        return db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(sql, clock.GetUtcNow(), idList, worker.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Locks, in the caller's transaction, the open rows of <paramref name="ids"/> this worker still holds, and answers
    /// them: until it commits, no other worker records their end (its completion waits for the lock, then finds what
    /// this transaction left).
    /// </summary>
    public Task<List<Guid>> LockHeldAsync(ApplicationDbContext db, LeasedTable table, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        Guid[] idList = [.. ids];
        return db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(table.LockHeldSql, idList, worker.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Gives back every open row of <paramref name="table"/> this worker holds (a round that failed, or that its shutdown cut short), uncounted.</summary>
    /// <returns>How many rows it gave back.</returns>
    public Task<int> ReleaseHeldAsync(ApplicationDbContext db, LeasedTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        return db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(table.ReleaseHeldSql, worker.Id), cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt of a row this worker holds, as <paramref name="decision"/> says (wait until its time,
    /// or given up on), and gives it back. A row this worker no longer holds is left to its holder.
    /// </summary>
    public Task RecordFailureAsync(ApplicationDbContext db, LeasedTable table, Guid id, int failedAttempts, string error, RetryDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(error);
        DateTimeOffset? givenUpAt = decision.GivesUp ? decision.At : null;
        var message = error.Length > LastErrorMaxLength ? error[..LastErrorMaxLength] : error;
        return db.Database.ExecuteSqlAsync(
            FormattableStringFactory.Create(Statement(table.FailureSql, table), failedAttempts, message, decision.At, givenUpAt, id, worker.Id),
            cancellationToken);
    }

    private static string Statement(string? sql, LeasedTable table) =>
        sql ?? throw new InvalidOperationException($"{table.Name} records its outcomes in its own entity.");
}
