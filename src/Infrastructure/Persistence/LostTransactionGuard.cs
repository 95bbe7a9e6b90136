using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// When the connection breaks inside a transaction (the server restarting), Npgsql ends the transaction with it, and
/// does not always say so at once: a save can appear to succeed and the transaction's next statement then fails with
/// a bare "Transaction is already completed", which nothing could tell from a bug. This guard says what happened
/// instead, before any such statement or commit is sent: <see cref="TransactionLostException"/>, a passing failure
/// after which nothing of the transaction is committed. Registered before <see cref="CommitRecorder"/>, so that a
/// commit of a lost transaction, which is never sent, is not counted as one.
/// </summary>
internal sealed class LostTransactionGuard : IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>Stateless, so one instance serves every context.</summary>
    public static readonly LostTransactionGuard Instance = new();

    private LostTransactionGuard()
    {
    }

    public InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result)
    {
        ThrowIfLost(eventData.Context);
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ThrowIfLost(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ThrowIfLost(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void ThrowIfLost(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is not null
            && context.Database.GetDbConnection() is NpgsqlConnection connection
            && connection.FullState.HasFlag(ConnectionState.Broken))
        {
            throw new TransactionLostException();
        }
    }
}

/// <summary>The connection broke inside a transaction: PostgreSQL has rolled it back, nothing of it is committed.</summary>
internal sealed class TransactionLostException()
    : Exception("The connection to the database broke inside the transaction, so PostgreSQL rolled the transaction back.");
