using Npgsql;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Npgsql's automatic preparation, on unless the connection string says otherwise: a statement sent on a connection
/// often enough (five times) is prepared there, and PostgreSQL plans it once per connection instead of once per
/// execution. Planning was a quarter of the server's CPU while it answered task reads (docs/performance.md). A
/// connection string that sets <c>Max Auto Prepare</c> keeps its value; <c>Max Auto Prepare=0</c> turns it off (a
/// pooler in transaction mode older than PgBouncer 1.21 cannot carry prepared statements).
/// </summary>
public static class PreparedStatements
{
    /// <summary>Statements kept prepared per connection: more than the hot paths send, few enough to cost the server little.</summary>
    public const int PerConnection = 100;

    public static string? Enable(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        return ConnectionStringKeys.Sets(connectionString, "Max Auto Prepare", "MaxAutoPrepare")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PerConnection }.ConnectionString;
    }
}
