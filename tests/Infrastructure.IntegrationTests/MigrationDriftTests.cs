using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class MigrationDriftTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task EveryMigration_IsApplied()
    {
        await using var db = Database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await new DatabaseMigrator(db).IsUpToDateAsync(CancellationToken.None));
    }

    [Fact]
    public void TheModel_MatchesTheLastMigration()
    {
        using var db = Database.CreateDbContext();

        // Fails when an entity or configuration changed without `dotnet ef migrations add`.
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model has changes that no migration captures.");
    }

    [Fact]
    public async Task TheMigratedSchema_HoldsExactlyTheModelsTablesAndColumns()
    {
        await using var db = Database.CreateDbContext();
        var modelColumns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            if (entity.IsMappedToJson())
            {
                // A JSON-mapped owned type lives in one jsonb column of its owner's table.
                modelColumns.Add($"{table.Name}.{entity.GetContainerColumnName()}");
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is { } column)
                {
                    modelColumns.Add($"{table.Name}.{column}");
                }
            }
        }

        var databaseColumns = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = await Database.OpenConnectionAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '__ef_migrations_history'
            """,
            connection);
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            databaseColumns.Add(reader.GetString(0));
        }

        // xmin is a system column: it backs the concurrency token but is not listed among the table's columns.
        modelColumns.RemoveWhere(column => column.EndsWith(".xmin", StringComparison.Ordinal));
        Assert.Equal(modelColumns, databaseColumns);
    }
}
