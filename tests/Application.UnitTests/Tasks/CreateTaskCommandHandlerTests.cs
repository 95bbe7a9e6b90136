using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class CreateTaskCommandHandlerTests
{
    private readonly TaskPorts _ports = new();
    private readonly List<TaskItem> _added = [];

    public CreateTaskCommandHandlerTests()
    {
        _ports.Tasks.Setup(repository => repository.Add(It.IsAny<TaskItem>())).Callback<TaskItem>(_added.Add);
    }

    [Theory]
    [InlineData(true, TaskItemStatus.Draft, new[] { TaskTrigger.Publish, TaskTrigger.Cancel })]
    [InlineData(false, TaskItemStatus.Pending, new[] { TaskTrigger.Take, TaskTrigger.Cancel })]
    public async Task AddsATaskCreatedByTheCurrentActorAtTheClocksTime_SavesOnce_AndAnswersIt(bool draft, TaskItemStatus status, TaskTrigger[] creatorActions)
    {
        _ports.Clock.Advance(TimeSpan.FromMinutes(7));
        var addedBeforeSave = 0;
        _ports.UnitOfWork.Setup(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => addedBeforeSave = _added.Count);

        var dto = await Handler(Alice).Handle(new CreateTaskCommand("Write the notes", Draft: draft), CancellationToken.None);

        var task = Assert.Single(_added);
        Assert.Equal((Alice.UserId, Now.AddMinutes(7), Now.AddMinutes(7), status), (task.CreatedBy, task.CreatedAt, task.UpdatedAt, task.Status));
        Assert.Equal((task.Id, status, Alice.UserId, Now.AddMinutes(7), 0u), (dto.Id, dto.Status, dto.CreatedBy, dto.CreatedAt, dto.Version));
        Assert.Equal(creatorActions, dto.AllowedActions);
        Assert.Equal(1, addedBeforeSave);
        _ports.VerifySavedOnce();
    }

    [Fact]
    public async Task PassesEveryField_ToTheNewTask()
    {
        var due = Now.AddDays(2);

        var dto = await Handler(Alice).Handle(new CreateTaskCommand("  Write the notes  ", "Details", TaskPriority.Critical, due), CancellationToken.None);

        var task = Assert.Single(_added);
        Assert.Equal(
            ("Write the notes", "Details", TaskPriority.Critical, (DateTimeOffset?)due, (Guid?)null),
            (task.Title, task.Description, task.Priority, task.DueDate, task.TeamId));
        Assert.Equal(("Write the notes", "Details", TaskPriority.Critical, (DateTimeOffset?)due), (dto.Title, dto.Description, dto.Priority, dto.DueDate));
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized_AndNothingIsAddedOrSaved()
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Handler(null).Handle(new CreateTaskCommand("Write the notes"), CancellationToken.None));

        Assert.Equal("unauthorized", error.Code);
        Assert.Empty(_added);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task ATaskForOneOfTheCreatorsTeams_BelongsToThatTeam()
    {
        var team = StoredTeam();
        _ports.MemberOf(Alice, team.Id);

        var dto = await Handler(Alice).Handle(new CreateTaskCommand("Write the notes", TeamId: team.Id), CancellationToken.None);

        Assert.Equal(team.Id, Assert.Single(_added).TeamId);
        Assert.Equal(team.Id, dto.TeamId);
    }

    [Fact]
    public async Task ATaskForATeamTheCreatorIsNotIn_IsInvalid_AndNothingIsAddedOrSaved()
    {
        var team = StoredTeam();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Handler(Alice).Handle(new CreateTaskCommand("Write the notes", TeamId: team.Id), CancellationToken.None));

        Assert.Equal(["teamId"], error.Errors.Keys);
        Assert.Empty(_added);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task AManager_MayCreateForAnyExistingTeam_ButNotForAnUnknownOne()
    {
        var team = StoredTeam();

        await Handler(Maria).Handle(new CreateTaskCommand("Write the notes", TeamId: team.Id), CancellationToken.None);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Handler(Maria).Handle(new CreateTaskCommand("Write the notes", TeamId: Guid.NewGuid()), CancellationToken.None));

        Assert.Equal(team.Id, Assert.Single(_added).TeamId);
        Assert.Equal(["teamId"], error.Errors.Keys);
        _ports.VerifySavedOnce();
    }

    private CreateTaskCommandHandler Handler(Actor? actor) =>
        new(_ports.Tasks.Object, _ports.Access, _ports.Teams.Object, _ports.UnitOfWork.Object, SignedIn(actor), _ports.Clock, TestMapper.Instance);

    private Team StoredTeam()
    {
        var team = Team.Create("Platform", Maria, Now);
        _ports.Teams.Setup(teams => teams.FindAsync(team.Id, It.IsAny<CancellationToken>())).ReturnsAsync(team);
        return team;
    }
}
