using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The checked-in migrations, the model snapshot, the EF model and the live schema all say the same thing.</summary>
public sealed class MigrationDriftTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string HistoryTable = DatabaseMigrator.HistoryTable;

    [Fact]
    public async Task EveryMigration_IsApplied_AndTheMigratorSaysUpToDate()
    {
        await using var db = Database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await new DatabaseMigrator(db).IsUpToDateAsync(CancellationToken.None));
    }

    [Fact]
    public void TheModel_MatchesTheCheckedInSnapshot()
    {
        using var db = Database.CreateDbContext();

        // Fails when an entity or configuration changed without `dotnet ef migrations add`.
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model has changes that no migration captures.");
    }

    [Fact]
    public async Task EveryTableAndColumnOfTheModel_ExistsInTheDatabase()
    {
        await using var db = Database.CreateDbContext();
        var databaseColumns = await DatabaseColumnsAsync();

        var missing = ModelColumns(db.Model).Where(column => !databaseColumns.Contains(column)).ToList();

        Assert.True(missing.Count == 0, $"Mapped by the model but missing from the database: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task TheHistoryAsRead_HasEveryColumnOfTheHistoryTable_InOrderAndOfItsType()
    {
        // The view the history is read from (ADR 0031) lists task_history's columns as they were when it was created:
        // a migration that changes the table and not the view would leave EF reading a column the view lacks.
        const string Columns = "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position";

        var table = await ColumnAsync<string>(Columns, ("table", "task_history"));

        Assert.NotEmpty(table);
        Assert.Equal(table, await ColumnAsync<string>(Columns, ("table", "task_history_entries")));
    }

    [Fact]
    public async Task EveryTableAndColumnOfTheDatabase_BelongsToTheModel()
    {
        await using var db = Database.CreateDbContext();
        var modelColumns = ModelColumns(db.Model);
        var modelTables = modelColumns.Select(column => column.Split('.')[0]).ToHashSet(StringComparer.Ordinal);

        var tables = await ColumnAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> @history",
            ("history", HistoryTable));
        var strayTables = tables.Where(table => !modelTables.Contains(table)).ToList();
        var strayColumns = (await DatabaseColumnsAsync()).Where(column => !modelColumns.Contains(column)).ToList();

        Assert.NotEmpty(tables);
        Assert.True(strayTables.Count == 0, $"Tables that no entity maps: {string.Join(", ", strayTables)}");
        Assert.True(strayColumns.Count == 0, $"Columns that no property maps: {string.Join(", ", strayColumns)}");
    }

    [Fact]
    public async Task EveryColumn_HasTheModelsStoreTypeAndNullability()
    {
        await using var db = Database.CreateDbContext();
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in DesignTimeModel(db).GetRelationalModel().Tables.Where(table => table.Schema is null or "public"))
        {
            foreach (var column in table.Columns.Where(column => !IsSystemColumn(column.Name)))
            {
                expected.Add($"{table.Name}.{column.Name} {column.StoreType} {(column.IsNullable ? "null" : "not null")}");
            }
        }

        var actual = new SortedSet<string>(
            await ColumnAsync<string>(
                """
                SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> @history
                """,
                ("history", HistoryTable)),
            StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task EveryIndexCheckConstraintAndExtensionOfTheModel_ExistsInTheDatabase()
    {
        await using var db = Database.CreateDbContext();
        var relational = DesignTimeModel(db).GetRelationalModel();
        var expectedIndexes = relational.Tables
            .SelectMany(table => table.Indexes.Select(index => $"{table.Name}.{index.Name}{(index.IsUnique ? " unique" : string.Empty)}"))
            .ToList();
        var expectedChecks = relational.Tables.SelectMany(table => table.CheckConstraints.Select(check => $"{table.Name}.{check.Name}")).ToList();

        var indexes = (await ColumnAsync<string>(
            """
            SELECT t.relname || '.' || i.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT x.indisprimary
            """)).ToHashSet(StringComparer.Ordinal);
        var checks = (await ColumnAsync<string>(
            """
            SELECT t.relname || '.' || c.conname FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype = 'c'
            """)).ToHashSet(StringComparer.Ordinal);
        var extensions = await ColumnAsync<string>("SELECT extname FROM pg_extension");

        Assert.NotEmpty(expectedIndexes);
        Assert.All(expectedIndexes, index => Assert.Contains(index, indexes));
        Assert.Contains("tasks.ck_tasks_running_has_owner", expectedChecks);
        Assert.All(expectedChecks, check => Assert.Contains(check, checks));
        Assert.Contains("pg_trgm", DesignTimeModel(db).GetPostgresExtensions().Select(extension => extension.Name));
        Assert.All(DesignTimeModel(db).GetPostgresExtensions(), extension => Assert.Contains(extension.Name, extensions));
    }

    [Fact]
    public async Task TheMigrator_MigratesAnEmptyDatabase_AndRunningItAgainChangesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database, "taskorch_integration_migrator");
        await using var db = ContextFor(scratch.ConnectionString);
        var migrator = new DatabaseMigrator(db);

        Assert.False(await migrator.IsUpToDateAsync(CancellationToken.None));
        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        Assert.True(await migrator.IsUpToDateAsync(CancellationToken.None));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>"table.column" for every column that the model maps, by GetTableName and GetColumnName.</summary>
    private static SortedSet<string> ModelColumns(IModel model)
    {
        var columns = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            var tableName = entity.GetTableName();
            if (tableName is null)
            {
                continue;
            }

            if (entity.IsMappedToJson())
            {
                // A JSON-mapped owned type lives in one jsonb column of its owner's table.
                columns.Add($"{tableName}.{entity.GetContainerColumnName()}");
                continue;
            }

            var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is { } column && !IsSystemColumn(column))
                {
                    columns.Add($"{tableName}.{column}");
                }
            }
        }

        return columns;
    }

    /// <summary>xmin backs every Version (the concurrency token): a system column, in no catalogue of user columns.</summary>
    private static bool IsSystemColumn(string column) => column == "xmin";

    private async Task<HashSet<string>> DatabaseColumnsAsync() =>
        (await ColumnAsync<string>(
            """
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns AS c
            JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> @history
            """,
            ("history", HistoryTable))).ToHashSet(StringComparer.Ordinal);

    /// <summary>The full model, with the annotations (check constraints, extensions) that the runtime model leaves out.</summary>
    private static IModel DesignTimeModel(ApplicationDbContext db) => db.GetService<IDesignTimeModel>().Model;

    private static ApplicationDbContext ContextFor(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureDbContext(options, connectionString);
        return new ApplicationDbContext(options.Options);
    }
}
