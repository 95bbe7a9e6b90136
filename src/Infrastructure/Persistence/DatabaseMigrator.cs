using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>Applies the checked-in migrations and tells whether the database is up to date.</summary>
public sealed class DatabaseMigrator(ApplicationDbContext db)
{
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


    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken) =>
        !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
}
