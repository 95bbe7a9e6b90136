using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>One account per email, whatever its case: the unique index ix_users_email, answered as a conflict.</summary>
public sealed class UniqueEmailTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task TheSameEmailTwice_InAnotherCase_IsEmailAlreadyRegistered()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Users.Add(User.Register("ada@example.com", "Ada", "hash", UserRole.Member, Now));
            await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
        }

        await using var other = Database.CreateDbContext();
        other.Users.Add(User.Register("  ADA@Example.COM ", "Other Ada", "hash", UserRole.Member, Now));
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)other).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("email_already_registered", error.Code);
        Assert.Equal(["ada@example.com Ada"], await ColumnAsync<string>("SELECT email || ' ' || display_name FROM users WHERE email NOT LIKE '%@taskorchestration.invalid'"));
    }

    [Fact]
    public async Task AnEmail_IsFoundInWhateverCaseItIsGiven()
    {
        await using (var db = Database.CreateDbContext())
        {
            db.Users.Add(User.Register("Grace@Example.com", "Grace", "hash", UserRole.Member, Now));
            await db.SaveChangesAsync();
        }

        await using var reader = Database.CreateDbContext();
        var users = new UserRepository(reader);

        Assert.Equal("grace@example.com", (await users.FindByEmailAsync(" GRACE@example.COM", CancellationToken.None))?.Email);
        Assert.Null(await users.FindByEmailAsync("grace@example.org", CancellationToken.None));
    }

    [Fact]
    public async Task AnotherUniqueIndex_IsAlreadyExists_NotEmailAlreadyRegistered()
    {
        var creator = await AddUserAsync();
        await using (var db = Database.CreateDbContext())
        {
            db.Teams.Add(Team.Create("Platform", creator, Now));
            await db.SaveChangesAsync();
        }

        await using var other = Database.CreateDbContext();
        other.Teams.Add(Team.Create("Platform", creator, Now));
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)other).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("already_exists", error.Code);
        Assert.Equal(1, await other.Teams.CountAsync());
    }
}
