using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.LiveUpdates;

/// <summary>
/// A live connection joins the groups of the role stored now, not of the one in the access token: a connection
/// ended because the role changed comes back with the same token.
/// </summary>
public sealed class GetLiveUpdateScopeQueryHandlerTests
{
    private readonly UserPorts _ports = new();
    private readonly Mock<ITeamRepository> _teams = new();

    [Fact]
    public async Task AManagerDemotedSinceTheirTokenWasIssued_GetsAMembersScope()
    {
        var user = _ports.Stored(UserRole.Member);
        var team = Guid.NewGuid();
        _teams.Setup(teams => teams.TeamIdsOfAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid> { team } as IReadOnlySet<Guid>);

        var scope = await Handler(new Actor(user.Id, UserRole.Manager)).Handle(new GetLiveUpdateScopeQuery(), CancellationToken.None);

        Assert.Equal((user.Id, false), (scope.UserId, scope.AllTeams));
        Assert.Equal([team], scope.TeamIds);
    }

    [Fact]
    public async Task AMemberPromotedSinceTheirTokenWasIssued_GetsEveryTeam()
    {
        var user = _ports.Stored(UserRole.Admin);

        var scope = await Handler(new Actor(user.Id, UserRole.Member)).Handle(new GetLiveUpdateScopeQuery(), CancellationToken.None);

        Assert.True(scope.AllTeams);
    }

    [Fact]
    public async Task ADeactivatedUser_GetsNoScope()
    {
        var user = _ports.Stored(UserRole.Manager);
        user.Deactivate(Now);

        await Assert.ThrowsAsync<UnauthorizedException>(() => Handler(user.AsActor()).Handle(new GetLiveUpdateScopeQuery(), CancellationToken.None));
    }

    private GetLiveUpdateScopeQueryHandler Handler(Actor signedIn) =>
        new(new TaskAccess(Mock.Of<ITaskRepository>(), _teams.Object), _ports.Users.Object, SignedIn(signedIn));
}
