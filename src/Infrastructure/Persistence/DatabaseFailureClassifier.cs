using Npgsql;
using TaskOrchestration.Application.Common.DatabaseFailures;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Npgsql's and PostgreSQL's words for a passing failure. EF Core wraps them (a DbUpdateException, or the
/// InvalidOperationException "likely due to a transient failure" of its default execution strategy), so the first
/// Npgsql exception in the chain decides.
/// </summary>
internal sealed class DatabaseFailureClassifier : IDatabaseFailureClassifier
{
    public DatabaseFailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TransactionLostException:
                    return DatabaseFailureKind.Transient;
                // The server answered: its SQLSTATE says whether the failure passes by itself.
                case PostgresException postgres:
                    return IsPassing(postgres.SqlState) ? DatabaseFailureKind.Transient : DatabaseFailureKind.None;
                // A command or connection timeout, or an exhausted pool: Npgsql puts a TimeoutException inside.
                case NpgsqlException { InnerException: TimeoutException }:
                    return DatabaseFailureKind.TimedOut;
                // No answer at all: the connection could not be opened, or broke (socket and I/O errors).
                case NpgsqlException npgsql:
                    return npgsql.IsTransient ? DatabaseFailureKind.Transient : DatabaseFailureKind.None;
            }
        }

        return DatabaseFailureKind.None;
    }

    /// <summary>
    /// Class 08 (the connection failed), 57P01–57P03 (the server is shutting down, crashed, or is starting and
    /// refuses connections for now), 53300 (too many connections, as when every client reconnects after a restart),
    /// 40001 and 40P01 (this transaction was chosen as a serialization or deadlock victim and rolled back).
    /// </summary>
    private static bool IsPassing(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
