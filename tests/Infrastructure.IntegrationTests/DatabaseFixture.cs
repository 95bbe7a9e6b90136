using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>One migrated PostgreSQL database for the whole project, emptied before each test.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("taskorch_integration");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseTestGroup : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
