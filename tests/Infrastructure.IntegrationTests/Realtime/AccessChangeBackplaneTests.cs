using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Realtime;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Realtime;

/// <summary>
/// A change of what a user may see goes onto the live-update backplane with the save that makes it: every API
/// instance hears of it when it commits, and nobody if it does not.
/// </summary>
public sealed class AccessChangeBackplaneTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task RemovingAMember_AnnouncesTheirAccessChange_WhenTheSaveCommits()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var member = await AddUserAsync();
        var teamId = await AddTeamAsync(manager, member.UserId);
        await using var backplane = await NotificationChannel.ListenAsync(Database, LiveUpdateMessage.Channel);

        await using (var db = Database.CreateDbContext())
        {
            var team = await db.Teams.SingleAsync(team => team.Id == teamId);
            team.RemoveMember(member.UserId, Now);
            await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
        }

        var message = await NextMessageAsync(backplane);
        Assert.Equal(("accessChanged", member.UserId), (message.GetProperty("kind").GetString(), message.GetProperty("userId").GetGuid()));
    }

    [Fact]
    public async Task ARoleChangeWhoseSaveIsRefused_IsNotAnnounced()
    {
        var refused = await AddUserAsync(UserRole.Manager);
        var demoted = await AddUserAsync(UserRole.Manager);
        await using var backplane = await NotificationChannel.ListenAsync(Database, LiveUpdateMessage.Channel);

        await using (var first = Database.CreateDbContext())
        await using (var second = Database.CreateDbContext())
        {
            var firstCopy = await first.Users.SingleAsync(user => user.Id == refused.UserId);
            var staleCopy = await second.Users.SingleAsync(user => user.Id == refused.UserId);
            firstCopy.ChangeDisplayName("Changed meanwhile");
            await ((IUnitOfWork)first).SaveChangesAsync(CancellationToken.None);
            staleCopy.ChangeRole(UserRole.Member, Now);
            await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)second).SaveChangesAsync(CancellationToken.None));
        }

        await using (var db = Database.CreateDbContext())
        {
            (await db.Users.SingleAsync(user => user.Id == demoted.UserId)).ChangeRole(UserRole.Member, Now);
            await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
        }

        // NOTIFYs arrive in commit order: the committed change coming first means the refused one sent nothing.
        Assert.Equal(demoted.UserId, (await NextMessageAsync(backplane)).GetProperty("userId").GetGuid());
    }

    private async Task<Guid> AddTeamAsync(Domain.Common.Actor manager, Guid memberId)
    {
        await using var db = Database.CreateDbContext();
        var team = Team.Create($"Team {Guid.NewGuid():N}", manager, Now);
        team.AddMember(memberId, Now);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    private static async Task<JsonElement> NextMessageAsync(NotificationChannel backplane)
    {
        using var message = JsonDocument.Parse(await backplane.NextAsync());
        return message.RootElement.Clone();
    }
}
