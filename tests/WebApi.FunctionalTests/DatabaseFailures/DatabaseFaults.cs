using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TaskOrchestration.WebApi.FunctionalTests.DatabaseFailures;

/// <summary>
/// Breaks the API's next statement or commit on purpose, once, the way a restart of PostgreSQL does: the server process
/// behind the connection is ended (SIGTERM, as <c>pg_ctl stop -m fast</c> sends it) just before the statement or the
/// commit is sent. Or, for the one case a restart cannot be timed to hit, the commit succeeds and its answer is lost.
/// Also counts the commands that contain a given statement, to tell how many times a use case ran.
/// </summary>
public sealed class DatabaseFaults(string administrationConnectionString) : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly Lock _lock = new();
    private readonly List<string> _commands = [];
    private Fault _armed = Fault.None;
    private string? _before;

    private enum Fault
    {
        None,
        ConnectionLostBeforeStatement,
        ConnectionLostAtCommit,
        AnswerToCommitLost,
    }

    /// <summary>The next command that contains <paramref name="statement"/> (for example "FROM tasks") finds its connection ended.</summary>
    public void LoseConnectionBefore(string statement) => Arm(Fault.ConnectionLostBeforeStatement, statement);

    /// <summary>The next commit is sent on a connection whose server process has ended: it is not committed.</summary>
    public void LoseConnectionAtCommit() => Arm(Fault.ConnectionLostAtCommit, null);

    /// <summary>The next commit is committed, then fails as if the connection broke before its answer came back.</summary>
    public void LoseAnswerToCommit() => Arm(Fault.AnswerToCommitLost, null);

    /// <summary>How many commands sent since the last <see cref="Reset"/> contained <paramref name="statement"/>.</summary>
    public int Sent(string statement)
    {
        lock (_lock)
        {
            return _commands.Count(command => command.Contains(statement, StringComparison.Ordinal));
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _armed = Fault.None;
            _before = null;
            _commands.Clear();
        }
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BeforeStatementAsync(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeforeStatementAsync(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await BeforeStatementAsync(command);
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Disarm(Fault.ConnectionLostAtCommit))
        {
            await EndServerProcessAsync((NpgsqlConnection)transaction.Connection!);
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Disarm(Fault.AnswerToCommitLost)
            ? throw new NpgsqlException("Exception while reading from stream (injected: the answer to the commit was lost)", new EndOfStreamException())
            : Task.CompletedTask;

    private async Task BeforeStatementAsync(DbCommand command)
    {
        var text = command.CommandText;
        bool lose;
        lock (_lock)
        {
            _commands.Add(text);
            lose = _armed == Fault.ConnectionLostBeforeStatement && text.Contains(_before!, StringComparison.Ordinal);
            if (lose)
            {
                _armed = Fault.None;
            }
        }

        if (lose)
        {
            await EndServerProcessAsync((NpgsqlConnection)command.Connection!);
        }
    }

    private void Arm(Fault fault, string? before)
    {
        lock (_lock)
        {
            _armed = fault;
            _before = before;
        }
    }

    private bool Disarm(Fault fault)
    {
        lock (_lock)
        {
            if (_armed != fault)
            {
                return false;
            }

            _armed = Fault.None;
            return true;
        }
    }

    /// <summary>Ends the server process behind <paramref name="connection"/> and waits until it is gone.</summary>
    private async Task EndServerProcessAsync(NpgsqlConnection connection)
    {
        var pid = connection.ProcessID;
        await using var administration = new NpgsqlConnection(administrationConnectionString);
        await administration.OpenAsync();
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", administration))
        {
            terminate.Parameters.AddWithValue("pid", pid);
            await terminate.ExecuteScalarAsync();
        }

        await using var alive = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", administration);
        alive.Parameters.AddWithValue("pid", pid);
        for (var poll = 0; poll < 500 && (long)(await alive.ExecuteScalarAsync())! > 0; poll++)
        {
            await Task.Delay(10);
        }
    }
}
