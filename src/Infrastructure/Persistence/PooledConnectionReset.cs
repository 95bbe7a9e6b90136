using Npgsql;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Npgsql's reset of a pooled connection on its return (<c>DISCARD ALL</c>'s parts: <c>SET SESSION AUTHORIZATION
/// DEFAULT</c>, <c>RESET ALL</c>, <c>pg_advisory_unlock_all()</c>, <c>CLOSE ALL</c>, <c>UNLISTEN *</c>, <c>DISCARD
/// SEQUENCES</c>), skipped unless the connection string asks for it. Our statements leave no session state behind (no
/// session settings, session advisory locks, cursors or LISTEN on the context's connections: the process's LISTEN
/// connection and the queues' wake use connections of their own), so the reset undoes nothing, and it cost PostgreSQL
/// six statements per connection use, two uses per API request (docs/performance.md). A connection string that sets
/// <c>No Reset On Close</c> keeps its value.
/// </summary>
public static class PooledConnectionReset
{
    public static string? Skip(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        return ConnectionStringKeys.Sets(connectionString, "No Reset On Close", "NoResetOnClose")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }
}
