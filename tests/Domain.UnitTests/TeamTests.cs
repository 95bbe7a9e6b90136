using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TeamTests
{
    private static readonly Actor Manager = new(Guid.NewGuid(), UserRole.Manager);
    private static readonly Guid Ada = Guid.NewGuid();

    [Fact]
    public void AddMember_RaisesAccessChangedForThem_AndAddingThemAgain_Nothing()
    {
        var team = Team.Create("Platform", Manager, Clock.Created);

        team.AddMember(Ada, Clock.Now);
        team.AddMember(Ada, Clock.Later);

        Assert.Equal([Ada], team.Members.Select(member => member.UserId));
        Assert.Equal([new UserAccessChanged(Ada, Clock.Now)], team.DomainEvents);
    }

    [Fact]
    public void RemoveMember_RaisesAccessChangedForThem_AndRemovingANonMember_Nothing()
    {
        var team = Team.Create("Platform", Manager, Clock.Created);
        team.AddMember(Ada, Clock.Created);
        team.ClearDomainEvents();

        team.RemoveMember(Guid.NewGuid(), Clock.Now);
        team.RemoveMember(Ada, Clock.Later);

        Assert.Empty(team.Members);
        Assert.Equal([new UserAccessChanged(Ada, Clock.Later)], team.DomainEvents);
    }
}
