using System.Net.Sockets;
using Npgsql;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Opens one connection to the configured database when the host starts, and says in one sentence why it failed:
/// an address that nothing answers on, credentials PostgreSQL refuses, a database that does not exist. Once started,
/// the host rides out a database that goes away (ADR 0023); a database that was never reachable is a configuration
/// mistake, better reported at once than as a stream of failed requests.
/// </summary>
public static class DatabaseConnectionCheck
{
    /// <summary>
    /// Answers null when a connection opens, else what is wrong and what to change. Never shows the password. A missing
    /// database is no problem to the migrate command (<paramref name="creatingTheDatabase"/>): applying the migrations
    /// creates it.
    /// </summary>
    public static async Task<string?> FindProblemAsync(string connectionString, bool creatingTheDatabase, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            return $"ConnectionStrings:Default is not a valid PostgreSQL connection string ({exception.Message}). Fix ConnectionStrings__Default.";
        }

        var server = $"PostgreSQL at {settings.Host}:{settings.Port}";
        try
        {
            // The string the application connects with, so that this connection opens its pool: the first request then
            // reuses it instead of connecting (and loading the server's types) again.
            await using var connection = new NpgsqlConnection(PreparedStatements.Enable(connectionString));
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return $"{server} refused user '{settings.Username}': {exception.MessageText}. Check Username and Password in ConnectionStrings__Default.";
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return creatingTheDatabase
                ? null
                : $"{server} has no database '{settings.Database}'. Run the migrate command first (it creates the database and its tables), or fix Database in ConnectionStrings__Default.";
        }
        catch (PostgresException exception)
        {
            return $"{server} refused the connection: {exception.SqlState} {exception.MessageText}.";
        }
        catch (NpgsqlException exception) when (exception.InnerException is SocketException socket)
        {
            return $"{server} cannot be reached ({socket.Message}). Is the server running? Check Host and Port in ConnectionStrings__Default.";
        }
        catch (NpgsqlException exception) when (exception.InnerException is TimeoutException)
        {
            return $"{server} did not answer within {settings.Timeout} s. Check Host and Port in ConnectionStrings__Default.";
        }
        catch (NpgsqlException exception)
        {
            return $"{server} cannot be reached: {exception.Message}";
        }
    }
}
