using System.Data.Common;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>What a connection string itself sets, for the defaults it may override (<see cref="PreparedStatements"/>, <see cref="PooledConnectionReset"/>).</summary>
internal static class ConnectionStringKeys
{
    /// <summary>Whether <paramref name="connectionString"/> sets the key under any of <paramref name="spellings"/>.</summary>
    public static bool Sets(string connectionString, params string[] spellings)
    {
        // The generic builder knows only the keys the string sets, in whichever spelling it set them.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return spellings.Any(given.ContainsKey);
    }
}
