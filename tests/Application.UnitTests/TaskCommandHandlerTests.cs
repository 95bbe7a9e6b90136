using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Commands.CompleteTask;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

public sealed class TaskCommandHandlerTests
{
    private readonly Mock<ITaskRepository> _tasks = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Mock<ITeamRepository> _teams = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Theory]
    [InlineData(true, TaskItemStatus.Draft)]
    [InlineData(false, TaskItemStatus.Pending)]
    public async Task CreateTask_AddsTheTaskForTheCurrentUser_AndCommitsOnce(bool draft, TaskItemStatus expected)
    {
        TaskItem? added = null;
        _tasks.Setup(repository => repository.Add(It.IsAny<TaskItem>())).Callback<TaskItem>(task => added = task);
        var handler = new CreateTaskCommandHandler(_tasks.Object, Access(), _teams.Object, _unitOfWork.Object, SignedIn(Alice), _clock, TestMapper.Instance);

        var dto = await handler.Handle(new CreateTaskCommand("Title", Draft: draft), CancellationToken.None);

        Assert.NotNull(added);
        Assert.Equal((Alice.UserId, Now, expected), (added.CreatedBy, added.CreatedAt, added.Status));
        Assert.Equal((added.Id, expected), (dto.Id, dto.Status));
        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CreateTask_ForAnAnonymousCaller_IsUnauthorized_AndAddsNothing()
    {
        var handler = new CreateTaskCommandHandler(_tasks.Object, Access(), _teams.Object, _unitOfWork.Object, SignedIn(null), _clock, TestMapper.Instance);

        await Assert.ThrowsAsync<UnauthorizedException>(() => handler.Handle(new CreateTaskCommand("Title"), CancellationToken.None));

        _tasks.Verify(repository => repository.Add(It.IsAny<TaskItem>()), Times.Never);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Transition_OfAnUnknownTask_IsNotFound_AndSavesNothing()
    {
        var handler = new TakeTaskCommandHandler(Changes(Bob));

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new TakeTaskCommand(Guid.NewGuid()), CancellationToken.None));

        _unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Transition_FromAStaleVersion_FailsItsPrecondition_AndChangesNothing()
    {
        var task = Stored(TaskItem.Create("Title", null, TaskPriority.Normal, null, false, Alice, Now));
        var handler = new TakeTaskCommandHandler(Changes(Bob));

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => handler.Handle(new TakeTaskCommand(task.Id, ExpectedVersion: 41), CancellationToken.None));

        Assert.Equal(task.Version, error.CurrentVersion);
        Assert.Equal(TaskItemStatus.Pending, task.Status);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Transition_RefusedByTheDomain_SavesNothing()
    {
        var task = Stored(TaskItem.Create("Title", null, TaskPriority.Normal, null, false, Alice, Now));
        task.Take(Alice, Now);
        var handler = new CompleteTaskCommandHandler(Changes(Bob));

        var error = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new CompleteTaskCommand(task.Id, "Done"), CancellationToken.None));

        Assert.Equal("not_owner", error.Error.Code);
        _unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Transition_WithTheCurrentVersion_AppliesCommitsAndAnswersTheNewState()
    {
        var task = Stored(TaskItem.Create("Title", null, TaskPriority.Normal, null, false, Alice, Now));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var handler = new TakeTaskCommandHandler(Changes(Bob));

        var dto = await handler.Handle(new TakeTaskCommand(task.Id, ExpectedVersion: task.Version), CancellationToken.None);

        Assert.Equal((TaskItemStatus.Running, (Guid?)Bob.UserId, Now.AddMinutes(3)), (dto.Status, dto.OwnerId, dto.UpdatedAt));
        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], dto.AllowedActions);
        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpdateTask_PassesEveryFieldToTheAggregate()
    {
        var task = Stored(TaskItem.Create("Title", null, TaskPriority.Normal, null, false, Alice, Now));
        var handler = new UpdateTaskCommandHandler(Changes(Alice));

        var dto = await handler.Handle(new UpdateTaskCommand(task.Id, "Renamed", "Details", TaskPriority.Critical, Now.AddDays(1)), CancellationToken.None);

        Assert.Equal(("Renamed", "Details", TaskPriority.Critical, (DateTimeOffset?)Now.AddDays(1)), (dto.Title, dto.Description, dto.Priority, dto.DueDate));
    }

    private TaskChanges Changes(Actor actor) => new(Access(), _unitOfWork.Object, SignedIn(actor), _clock, TestMapper.Instance);

    private TaskAccess Access()
    {
        _teams.Setup(teams => teams.TeamIdsOfAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid>());
        return new TaskAccess(_tasks.Object, _teams.Object);
    }

    private TaskItem Stored(TaskItem task)
    {
        _tasks.Setup(repository => repository.FindAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        return task;
    }
}
