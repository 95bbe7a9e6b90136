using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>A test against the shared migrated database, which is emptied (but for the migration history) before it runs.</summary>
[Collection(DatabaseTestGroup.Name)]
public abstract class DatabaseTest(DatabaseFixture fixture) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database => fixture.Database;

    public Task InitializeAsync() => Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<Actor> AddUserAsync(UserRole role = UserRole.Member)
    {
        await using var db = Database.CreateDbContext();
        var user = User.Register($"user-{Guid.NewGuid():N}@example.com", "Someone", "not-a-real-hash", role, Now);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.AsActor();
    }

    /// <summary>A person with a name (in their email too, so a failing test's data reads well).</summary>
    protected async Task<User> AddPersonAsync(string name, UserRole role = UserRole.Member)
    {
        await using var db = Database.CreateDbContext();
        var user = User.Register($"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com", name, "not-a-real-hash", role, Now);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Stores <paramref name="userId"/>'s choice of channels for one type of notification.</summary>
    protected async Task ChooseAsync(Guid userId, EventType type, NotificationChannels channels)
    {
        await using var db = Database.CreateDbContext();
        db.NotificationPreferences.Add(NotificationPreference.Choose(userId, type, channels));
        await db.SaveChangesAsync();
    }

    /// <summary>Stores a new task after applying <paramref name="walk"/> to it (for example, taking it), in one save.</summary>
    protected async Task<TaskItem> AddTaskAsync(
        Actor creator,
        Action<TaskItem>? walk = null,
        string title = "A task",
        bool draft = false,
        TaskPriority priority = TaskPriority.Normal,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? dueDate = null,
        string? description = null,
        Guid? teamId = null)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create(title, description, priority, dueDate, draft, creator, createdAt ?? Now, teamId);
        walk?.Invoke(task);
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    /// <summary>Loads a stored task, applies <paramref name="change"/> to it and saves, as a command handler would.</summary>
    protected async Task ChangeAsync(Guid taskId, Action<TaskItem> change)
    {
        await using var db = Database.CreateDbContext();
        var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
        change(task);
        await db.SaveChangesAsync();
    }

    /// <summary>Runs a query with plain Npgsql (no EF) and returns its first column.</summary>
    protected async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Runs a statement with plain Npgsql (no EF) on its own connection, outside any transaction.</summary>
    protected async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
