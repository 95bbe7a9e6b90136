using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Extends the lease a worker process holds its attempts by (one per worker, on its <c>workers</c> row: a heartbeat
/// writes that row and no task's), over a connection of its own, with blocking calls: the worker runs it on a thread of
/// its own (WorkerService), so that a heartbeat waits neither for a free connection of the pool its claims, outcomes
/// and handlers share, nor for a thread-pool thread behind handler work. A starved process then still renews its
/// lease as long as it gets any CPU. The connection is opened on first use and again after a failure; a call gives up
/// after one heartbeat interval (at least a second), so that a hung server costs one beat, not the lease.
/// </summary>
internal sealed class LeaseHeartbeat(IConfiguration configuration, WorkerIdentity worker, IOptions<WorkerOptions> options, TimeProvider clock) : IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    // WorkerLease.RenewalMarkingSeen for its own connection's batch.
    private static readonly string PositionalRenewal = StatementBatch.ToPositional(WorkerLease.RenewalMarkingSeen);

    private NpgsqlConnection? _connection;

    /// <summary>
    /// Extends this worker's lease, which marks it seen too, and answers the attempts it holds (task id and attempt
    /// number) in the same round trip: an attempt it runs that is not among them was cancelled or reaped; one among
    /// them that it does not run is lost here.
    /// </summary>
    /// <param name="kinds">The kinds the worker serves: its registration is written again with them if its row is missing.</param>
    public IReadOnlyDictionary<Guid, int> Extend(IReadOnlyCollection<string> kinds)
    {
        try
        {
            return ExtendOnce(kinds);
        }
        catch
        {
            // The next beat opens a new connection rather than trusting one in an unknown state.
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private Dictionary<Guid, int> ExtendOnce(IReadOnlyCollection<string> kinds)
    {
        var connection = _connection ??= Open();
        var now = clock.GetUtcNow();
        var renewal = new NpgsqlBatchCommand(PositionalRenewal);
        foreach (var value in WorkerLease.RenewalParameters(worker, kinds, _options.Concurrency, now, now + _options.LeaseDuration))
        {
            renewal.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                renewal,
                // ix_work_items_leased: the items this worker holds, and their tasks' attempts by primary key.
                new NpgsqlBatchCommand("SELECT item.id, task.attempt_count FROM work_items AS item JOIN tasks AS task ON task.id = item.id WHERE item.leased_by = $1")
                {
                    Parameters = { new() { Value = worker.Id, NpgsqlDbType = NpgsqlDbType.Text } },
                },
            },
            Timeout = CallTimeoutSeconds,
        };
        var held = new Dictionary<Guid, int>();
        using var reader = batch.ExecuteReader();
        while (reader.Read())
        {
            held[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return held;
    }

    private int CallTimeoutSeconds => Math.Max(1, (int)Math.Ceiling(_options.HeartbeatInterval.TotalSeconds));

    private NpgsqlConnection Open()
    {
        var settings = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DependencyInjection.ConnectionStringName))
        {
            // Not from the pool: the point is a connection nothing else can be holding.
            Pooling = false,
            Timeout = CallTimeoutSeconds,
            CommandTimeout = CallTimeoutSeconds,
        };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
