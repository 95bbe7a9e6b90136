using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>Every aggregate's Version is PostgreSQL's xmin, checked on every write (docs/adr/0006).</summary>
public sealed class OptimisticConcurrencyTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task TwoWritersOfTheSameTaskVersion_TheSecondGetsAConcurrencyConflict_AndTheFirstWins()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, title: "Original");
        await using var first = Database.CreateDbContext();
        await using var second = Database.CreateDbContext();
        var firstCopy = await first.Tasks.SingleAsync(t => t.Id == task.Id);
        var secondCopy = await second.Tasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal(firstCopy.Version, secondCopy.Version);

        firstCopy.Update("First", null, null, null, false, creator, Now.AddMinutes(1));
        await ((IUnitOfWork)first).SaveChangesAsync(CancellationToken.None);
        secondCopy.Update("Second", null, null, null, false, creator, Now.AddMinutes(2));
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)second).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("concurrency_conflict", error.Code);
        Assert.Equal(["First"], await ColumnAsync<string>("SELECT title FROM tasks WHERE id = @id", ("id", task.Id)));

        // The loser's history entry went down with its update: one transaction, nothing half-written.
        Assert.Equal(1L, (await ColumnAsync<long>("SELECT count(*) FROM task_history WHERE task_id = @id", ("id", task.Id)))[0]);
    }

    [Fact]
    public async Task TwoWritersOfTheSameUserVersion_TheSecondGetsAConcurrencyConflict()
    {
        var actor = await AddUserAsync();
        await using var first = Database.CreateDbContext();
        await using var second = Database.CreateDbContext();
        var firstCopy = await first.Users.SingleAsync(u => u.Id == actor.UserId);
        var secondCopy = await second.Users.SingleAsync(u => u.Id == actor.UserId);

        firstCopy.ChangeDisplayName("First");
        await ((IUnitOfWork)first).SaveChangesAsync(CancellationToken.None);
        secondCopy.ChangeRole(UserRole.Admin, Now);
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)second).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("concurrency_conflict", error.Code);
        Assert.Equal(["First member"], await ColumnAsync<string>("SELECT display_name || ' ' || role FROM users WHERE id = @id", ("id", actor.UserId)));
    }

    [Fact]
    public async Task EverySave_GivesANewVersion_WhichIsTheRowsXmin()
    {
        var creator = await AddUserAsync();
        await using var db = Database.CreateDbContext();
        var task = Domain.Tasks.TaskItem.Create("Versioned", null, Domain.Tasks.TaskPriority.Normal, null, false, creator, Now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        var versions = new List<uint> { task.Version };

        task.Update("Versioned again", null, null, null, false, creator, Now.AddMinutes(1));
        await db.SaveChangesAsync();
        versions.Add(task.Version);
        Assert.Equal(await XminOfAsync(task.Id), task.Version);

        task.Take(creator, Now.AddMinutes(2));
        await db.SaveChangesAsync();
        versions.Add(task.Version);
        Assert.Equal(await XminOfAsync(task.Id), task.Version);

        task.Complete(creator, "Done", Now.AddMinutes(3));
        await db.SaveChangesAsync();
        versions.Add(task.Version);

        Assert.DoesNotContain(0u, versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(await XminOfAsync(task.Id), task.Version);
    }

    private async Task<uint> XminOfAsync(Guid taskId) =>
        (uint)(await ColumnAsync<long>("SELECT xmin::text::bigint FROM tasks WHERE id = @id", ("id", taskId)))[0];
}
