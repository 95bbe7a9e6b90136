using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Commands.AssignTask;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class AssignTaskCommandHandlerTests
{
    private readonly TaskPorts _ports = new();
    private readonly Mock<IUserRepository> _users = new();
    private readonly HashSet<Guid> _existing = [Alice.UserId, Bob.UserId, Carol.UserId];

    public AssignTaskCommandHandlerTests()
    {
        _users.Setup(users => users.ExistingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<Guid> ids, CancellationToken _) => ids.Where(_existing.Contains).ToHashSet());
    }

    [Fact]
    public async Task Set_ReplacesTheAssignees_EachPersonOnce()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        await Send(new AssignTaskCommand(task.Id, Set: [Bob.UserId]));
        var dto = await Send(new AssignTaskCommand(task.Id, Set: [Carol.UserId, Alice.UserId, Carol.UserId]));

        Assert.Equal(new[] { Alice.UserId, Carol.UserId }.Order(), dto.AssigneeIds.Order());
        _ports.UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task AddAndRemove_ChangeOnePerson_AndKeepTheOthers()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        await Send(new AssignTaskCommand(task.Id, Add: Bob.UserId));
        var both = await Send(new AssignTaskCommand(task.Id, Add: Carol.UserId));
        var one = await Send(new AssignTaskCommand(task.Id, Remove: Bob.UserId));

        Assert.Equal(new[] { Bob.UserId, Carol.UserId }.Order(), both.AssigneeIds.Order());
        Assert.Equal([Carol.UserId], one.AssigneeIds);
    }

    [Fact]
    public async Task AnUnknownPersonInTheSet_IsInvalid_AndNothingChangesOrIsSaved()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));
        var stranger = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Send(new AssignTaskCommand(task.Id, Set: [Bob.UserId, stranger])));

        Assert.Equal(["userIds"], error.Errors.Keys);
        Assert.Contains(stranger.ToString(), Assert.Single(error.Errors["userIds"]), StringComparison.Ordinal);
        Assert.Empty(task.Assignees);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task AnUnknownPersonToAdd_IsInvalidUnderTheSingleUserKey()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Send(new AssignTaskCommand(task.Id, Add: Guid.NewGuid())));

        Assert.Equal(["userId"], error.Errors.Keys);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task OnlyAnAssignee_MayThenTakeTheTask()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        var dto = await Send(new AssignTaskCommand(task.Id, Set: [Bob.UserId]));

        Assert.Equal([TaskTrigger.Cancel], dto.AllowedActions);
        Assert.Contains(TaskTrigger.Take, TestMapper.Instance.ToTaskDto(task, Bob).AllowedActions);
        Assert.DoesNotContain(TaskTrigger.Take, TestMapper.Instance.ToTaskDto(task, Carol).AllowedActions);
    }

    private Task<TaskDto> Send(AssignTaskCommand command) =>
        new AssignTaskCommandHandler(_ports.ChangesFor(Maria), _users.Object).Handle(command, CancellationToken.None);
}
