using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class OptimisticConcurrencyTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task TwoWritersFromTheSameVersion_TheSecondIsRefused()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var first = Database.CreateDbContext();
        await using var second = Database.CreateDbContext();
        var firstCopy = await first.Tasks.SingleAsync(t => t.Id == task.Id);
        var secondCopy = await second.Tasks.SingleAsync(t => t.Id == task.Id);

        firstCopy.Update("First", null, null, null, false, creator, Now);
        await ((IUnitOfWork)first).SaveChangesAsync(CancellationToken.None);
        secondCopy.Update("Second", null, null, null, false, creator, Now);
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)second).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("concurrency_conflict", error.Code);
        await using var reader = Database.CreateDbContext();
        Assert.Equal("First", (await reader.Tasks.SingleAsync(t => t.Id == task.Id)).Title);
    }

    [Fact]
    public async Task EverySave_ChangesTheVersion()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();
        var stored = await db.Tasks.SingleAsync(t => t.Id == task.Id);
        var before = stored.Version;

        stored.Take(creator, Now);
        await db.SaveChangesAsync();

        Assert.NotEqual(0u, before);
        Assert.NotEqual(before, stored.Version);
    }

    [Fact]
    public async Task TheSameEmailTwice_IgnoringCase_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Users.Add(User.Register("ada@example.com", "Ada", "hash", UserRole.Member, Now));
            await db.SaveChangesAsync();
        }

        await using var other = Database.CreateDbContext();
        other.Users.Add(User.Register("ADA@example.com", "Other Ada", "hash", UserRole.Member, Now));
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)other).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("email_already_registered", error.Code);
    }
}
