using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Counts, on each <see cref="ApplicationDbContext"/>, the statements after which a failure leaves it unknown whether
/// something was committed: every commit sent, and every statement other than a LINQ query sent outside a
/// transaction (SaveChanges of a single statement, ExecuteUpdate, ExecuteDelete, ExecuteSql, FromSql: each commits
/// by itself). Counted before they are sent, so a statement that fails on the way counts too; a connection that
/// could not be opened sent nothing. The retry behaviour reads the count through <c>IUnitOfWork.Checkpoint</c>.
/// It also tells the context when its transaction committed or rolled back, for the queues' wake-up (QueueWake).
/// </summary>
internal sealed class CommitRecorder : IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>Stateless (the count lives on the context), so one instance serves every context.</summary>
    public static readonly CommitRecorder Instance = new();

    private CommitRecorder()
    {
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        RecordCommit(eventData);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        RecordCommit(eventData);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData, committed: false);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        RecordIfItCommitsByItself(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        RecordIfItCommitsByItself(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        RecordIfItCommitsByItself(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RecordIfItCommitsByItself(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        RecordIfItCommitsByItself(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        RecordIfItCommitsByItself(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void RecordCommit(TransactionEventData eventData) => (eventData.Context as ApplicationDbContext)?.RecordCommitSent();

    private static void Ended(TransactionEndEventData eventData, bool committed) => (eventData.Context as ApplicationDbContext)?.TransactionEnded(committed);

    private static void RecordIfItCommitsByItself(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is ApplicationDbContext context
            && eventData.CommandSource != CommandSource.LinqQuery
            && command.Transaction is null
            && context.Database.CurrentTransaction is null)
        {
            context.RecordCommitSent();
        }
    }
}
