using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Teams.Commands.AddTeamMember;
using TaskOrchestration.Application.Teams.Commands.CreateTeam;
using TaskOrchestration.Application.Teams.Commands.RemoveTeamMember;
using TaskOrchestration.Application.Teams.Queries.GetTeam;
using TaskOrchestration.Application.Teams.Queries.ListTeams;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Teams;

public sealed class TeamHandlerTests
{
    private readonly Mock<ITeamRepository> _teams = new();
    private readonly Mock<IUserRepository> _users = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task CreateTeam_AddsItWithTheTrimmedName_AndSaves()
    {
        Team? added = null;
        _teams.Setup(teams => teams.Add(It.IsAny<Team>())).Callback<Team>(team => added = team);

        var dto = await CreateTeam().Handle(new CreateTeamCommand("  Platform "), CancellationToken.None);

        Assert.NotNull(added);
        Assert.Equal(("Platform", Maria.UserId), (added.Name, added.CreatedBy));
        Assert.Equal((added.Id, "Platform"), (dto.Id, dto.Name));
        VerifySaved(Times.Once());
    }

    [Fact]
    public async Task CreateTeam_WithATakenName_IsAConflict_AndAddsNothing()
    {
        _teams.Setup(teams => teams.NameExistsAsync("Platform", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var error = await Assert.ThrowsAsync<ConflictException>(() => CreateTeam().Handle(new CreateTeamCommand("Platform"), CancellationToken.None));

        Assert.Equal("team_name_taken", error.Code);
        _teams.Verify(teams => teams.Add(It.IsAny<Team>()), Times.Never);
        VerifySaved(Times.Never());
    }

    [Fact]
    public async Task AddMember_OfAKnownUser_AddsThem()
    {
        var team = StoredTeam();
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Member, Now);
        _users.Setup(users => users.FindAsync(user.Id, It.IsAny<CancellationToken>())).ReturnsAsync(user);

        var dto = await AddMember().Handle(new AddTeamMemberCommand(team.Id, user.Id), CancellationToken.None);

        Assert.Equal([user.Id], dto.MemberIds);
        VerifySaved(Times.Once());
    }

    [Fact]
    public async Task AddMember_OfAnUnknownUserOrToAnUnknownTeam_IsNotFound()
    {
        var team = StoredTeam();

        var unknownUser = await Assert.ThrowsAsync<NotFoundException>(() =>
            AddMember().Handle(new AddTeamMemberCommand(team.Id, Guid.NewGuid()), CancellationToken.None));
        var unknownTeam = await Assert.ThrowsAsync<NotFoundException>(() =>
            AddMember().Handle(new AddTeamMemberCommand(Guid.NewGuid(), Alice.UserId), CancellationToken.None));

        Assert.Equal(("User", "Team"), (unknownUser.Resource, unknownTeam.Resource));
        Assert.Empty(team.Members);
        VerifySaved(Times.Never());
    }

    [Fact]
    public async Task RemoveMember_RemovesThem()
    {
        var team = StoredTeam();
        team.AddMember(Alice.UserId, Now);

        var dto = await new RemoveTeamMemberCommandHandler(_teams.Object, _unitOfWork.Object, SignedIn(Maria), _clock, TestMapper.Instance)
            .Handle(new RemoveTeamMemberCommand(team.Id, Alice.UserId), CancellationToken.None);

        Assert.Empty(dto.MemberIds);
        VerifySaved(Times.Once());
    }

    [Fact]
    public async Task GetTeam_IsSeenByItsMembersAndManagers_AndNotFoundForOthers()
    {
        var team = StoredTeam();
        team.AddMember(Alice.UserId, Now);

        Assert.Equal(team.Id, (await GetTeam(Alice).Handle(new GetTeamQuery(team.Id), CancellationToken.None)).Id);
        Assert.Equal(team.Id, (await GetTeam(Maria).Handle(new GetTeamQuery(team.Id), CancellationToken.None)).Id);
        await Assert.ThrowsAsync<NotFoundException>(() => GetTeam(Bob).Handle(new GetTeamQuery(team.Id), CancellationToken.None));
    }

    [Fact]
    public async Task ListTeams_IsAMembersOwnTeams_AndEveryTeamForAManager()
    {
        _teams.Setup(teams => teams.ListAsync(It.IsAny<Guid?>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await new ListTeamsQueryHandler(_teams.Object, SignedIn(Alice), TestMapper.Instance).Handle(new ListTeamsQuery(), CancellationToken.None);
        await new ListTeamsQueryHandler(_teams.Object, SignedIn(Maria), TestMapper.Instance).Handle(new ListTeamsQuery(), CancellationToken.None);

        _teams.Verify(teams => teams.ListAsync(Alice.UserId, It.IsAny<CancellationToken>()), Times.Once);
        _teams.Verify(teams => teams.ListAsync(null, It.IsAny<CancellationToken>()), Times.Once);
    }

    private Team StoredTeam()
    {
        var team = Team.Create("Platform", Maria, Now);
        _teams.Setup(teams => teams.FindAsync(team.Id, It.IsAny<CancellationToken>())).ReturnsAsync(team);
        return team;
    }

    private CreateTeamCommandHandler CreateTeam() => new(_teams.Object, _unitOfWork.Object, SignedIn(Maria), _clock, TestMapper.Instance);

    private AddTeamMemberCommandHandler AddMember() => new(_teams.Object, _users.Object, _unitOfWork.Object, SignedIn(Maria), _clock, TestMapper.Instance);

    private GetTeamQueryHandler GetTeam(Actor actor) => new(_teams.Object, SignedIn(actor), TestMapper.Instance);

    private void VerifySaved(Times times) => _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), times);
}
