using Microsoft.EntityFrameworkCore;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>Applies the checked-in migrations and tells whether the database is up to date.</summary>
public sealed class DatabaseMigrator(ApplicationDbContext db)
{
    public Task MigrateAsync(CancellationToken cancellationToken) => db.Database.MigrateAsync(cancellationToken);

    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken) =>
        !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
}
