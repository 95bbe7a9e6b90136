using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>Applies the checked-in migrations and tells whether the database is up to date.</summary>
public sealed class DatabaseMigrator(ApplicationDbContext db)
{
    /// <summary>Where EF records the applied migrations (its default name, in the snake case of every other table).</summary>
    public const string HistoryTable = "__ef_migrations_history";

    /// <summary>Npgsql reads a command timeout of zero as "wait as long as it takes".</summary>
    private static readonly TimeSpan NoCommandTimeout = TimeSpan.Zero;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // On a new database EF first reads a history table that does not exist yet and logs that as an error;
        // creating the table up front keeps a first install's log free of alarming "fail" lines.
        if (await db.Database.CanConnectAsync(cancellationToken))
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        }

        // Building an index on a table of a million tasks takes minutes, far past the 30-second limit that suits
        // requests. The migrate step has an operator or a deployment job watching it, with its own deadline.
        db.Database.SetCommandTimeout(NoCommandTimeout);
        await db.Database.MigrateAsync(cancellationToken);
    }


    /// <summary>
    /// Whether every migration this build knows is applied. The applied ids are read with one query rather than
    /// through EF's history repository, which builds a model of its own for that table on first use: a tenth of the
    /// host's CPU before its first /ready.
    /// </summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken)
    {
        List<string> applied;
        try
        {
            applied = await db.Database.SqlQueryRaw<string>("SELECT migration_id AS \"Value\" FROM " + HistoryTable).ToListAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database no migration has touched yet.
            return false;
        }

        return !db.Database.GetMigrations().Except(applied, StringComparer.Ordinal).Any();
    }
}
