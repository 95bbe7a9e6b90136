using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Extends the leases a worker process holds, over a connection of its own, with blocking calls: the worker runs it on
/// a thread of its own (WorkerService), so that a heartbeat waits neither for a free connection of the pool its claims,
/// outcomes and handlers share, nor for a thread-pool thread behind handler work. A starved process then still renews
/// its leases as long as it gets any CPU. The connection is opened on first use and again after a failure; a call
/// gives up after one heartbeat interval (at least a second), so that a hung server costs one beat, not the lease.
/// </summary>
internal sealed class LeaseHeartbeat(IConfiguration configuration, WorkerIdentity worker, IOptions<WorkerOptions> options, TimeProvider clock) : IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    private NpgsqlConnection? _connection;

    /// <summary>Extends the leases of <paramref name="taskIds"/> that this worker still holds, and marks it seen; answers those ids (the others were cancelled or reaped).</summary>
    public IReadOnlySet<Guid> Extend(IReadOnlyCollection<Guid> taskIds)
    {
        try
        {
            return ExtendOnce(taskIds);
        }
        catch
        {
            // The next beat opens a new connection rather than trusting one in an unknown state.
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private HashSet<Guid> ExtendOnce(IReadOnlyCollection<Guid> taskIds)
    {
        var connection = _connection ??= Open();
        var now = clock.GetUtcNow();
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    UPDATE tasks SET lease_expires_at = $1
                    WHERE id = ANY($2) AND leased_by = $3 AND status = 'running'
                    RETURNING id
                    """)
                {
                    Parameters =
                    {
                        new() { Value = now + _options.LeaseDuration, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                        new() { Value = taskIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                        new() { Value = worker.Id, NpgsqlDbType = NpgsqlDbType.Text },
                    },
                },
                new NpgsqlBatchCommand("UPDATE workers SET last_seen_at = $1 WHERE id = $2")
                {
                    Parameters =
                    {
                        new() { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                        new() { Value = worker.Id, NpgsqlDbType = NpgsqlDbType.Text },
                    },
                },
            },
            Timeout = CallTimeoutSeconds,
        };
        var held = new HashSet<Guid>();
        using var reader = batch.ExecuteReader();
        while (reader.Read())
        {
            held.Add(reader.GetGuid(0));
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
