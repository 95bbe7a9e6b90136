using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

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

    /// <summary>Stores a task after applying <paramref name="walk"/> to it (for example, taking it).</summary>
    protected async Task<TaskItem> AddTaskAsync(Actor creator, Action<TaskItem>? walk = null, string title = "A task", bool draft = false, TaskPriority priority = TaskPriority.Normal, DateTimeOffset? createdAt = null)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create(title, null, priority, null, draft, creator, createdAt ?? Now);
        walk?.Invoke(task);
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}
