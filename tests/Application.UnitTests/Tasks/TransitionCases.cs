using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Commands.ArchiveTask;
using TaskOrchestration.Application.Tasks.Commands.AssignTask;
using TaskOrchestration.Application.Tasks.Commands.CancelTask;
using TaskOrchestration.Application.Tasks.Commands.CompleteTask;
using TaskOrchestration.Application.Tasks.Commands.FailTask;
using TaskOrchestration.Application.Tasks.Commands.PublishTask;
using TaskOrchestration.Application.Tasks.Commands.ReleaseTask;
using TaskOrchestration.Application.Tasks.Commands.RetryTask;
using TaskOrchestration.Application.Tasks.Commands.TagTask;
using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Commands.UnarchiveTask;
using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

/// <summary>Sends one command through its real handler: the changes service, the task's id, the expected version.</summary>
internal delegate Task<TaskDto> SendCommand(TaskChanges changes, Guid taskId, uint? expectedVersion);

/// <summary>
/// One command that changes an existing task: a task on which <see cref="Actor"/> may send it, what the answer must
/// then show, and a task plus an actor the domain refuses (with the rule's code).
/// </summary>
internal sealed record TransitionCase(
    SendCommand Send,
    Func<TaskItem> Arrange,
    Actor Actor,
    Action<TaskDto> Expect,
    Func<TaskItem> ArrangeRefused,
    Actor RefusedActor,
    string RefusalCode);

internal static class TransitionCases
{
    public static readonly IReadOnlyDictionary<string, TransitionCase> All = new Dictionary<string, TransitionCase>(StringComparer.Ordinal)
    {
        ["Take"] = new(
            (changes, id, version) => new TakeTaskCommandHandler(changes).Handle(new TakeTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Bob,
            dto => Assert.Equal((TaskItemStatus.Running, (Guid?)Bob.UserId), (dto.Status, dto.OwnerId)),
            () => SomeTasks.Running(Alice, Carol), Bob, "task_already_taken"),

        ["Complete"] = new(
            (changes, id, version) => new CompleteTaskCommandHandler(changes).Handle(new CompleteTaskCommand(id, "Shipped", version), CancellationToken.None),
            () => SomeTasks.Running(Alice, Bob), Bob,
            dto => Assert.Equal((TaskItemStatus.Done, "Shipped"), (dto.Status, dto.Result)),
            () => SomeTasks.Running(Alice, Bob), Alice, TaskErrors.NotOwnerCode),

        ["Fail"] = new(
            (changes, id, version) => new FailTaskCommandHandler(changes).Handle(new FailTaskCommand(id, "The disk is full", version), CancellationToken.None),
            () => SomeTasks.Running(Alice, Bob), Bob,
            dto => Assert.Equal((TaskItemStatus.Failed, "The disk is full"), (dto.Status, dto.FailureReason)),
            () => SomeTasks.Running(Alice, Bob), Carol, TaskErrors.NotOwnerCode),

        ["Release"] = new(
            (changes, id, version) => new ReleaseTaskCommandHandler(changes).Handle(new ReleaseTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Running(Alice, Bob), Bob,
            dto => Assert.Equal((TaskItemStatus.Pending, (Guid?)null), (dto.Status, dto.OwnerId)),
            () => SomeTasks.Running(Alice, Bob), Alice, TaskErrors.NotOwnerCode),

        ["Retry"] = new(
            (changes, id, version) => new RetryTaskCommandHandler(changes).Handle(new RetryTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Failed(Alice, Bob), Alice,
            dto => Assert.Equal((TaskItemStatus.Pending, 2, (Guid?)null, (string?)null), (dto.Status, dto.AttemptCount, dto.OwnerId, dto.FailureReason)),
            () => SomeTasks.Failed(Alice, Bob), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Cancel"] = new(
            (changes, id, version) => new CancelTaskCommandHandler(changes).Handle(new CancelTaskCommand(id, "Not needed", version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Alice,
            dto =>
            {
                Assert.Equal(TaskItemStatus.Cancelled, dto.Status);
                Assert.Empty(dto.AllowedActions);
            },
            () => SomeTasks.Pending(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Publish"] = new(
            (changes, id, version) => new PublishTaskCommandHandler(changes).Handle(new PublishTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Draft(Alice), Alice,
            dto => Assert.Equal(TaskItemStatus.Pending, dto.Status),
            () => SomeTasks.Draft(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Update"] = new(
            (changes, id, version) =>
                new UpdateTaskCommandHandler(changes).Handle(new UpdateTaskCommand(id, Title: "Renamed", ExpectedVersion: version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Alice,
            dto => Assert.Equal(("Renamed", TaskItemStatus.Pending), (dto.Title, dto.Status)),
            () => SomeTasks.Pending(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Archive"] = new(
            (changes, id, version) => new ArchiveTaskCommandHandler(changes).Handle(new ArchiveTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Alice,
            dto =>
            {
                Assert.Equal(dto.UpdatedAt, dto.ArchivedAt);
                Assert.Empty(dto.AllowedActions);
            },
            () => SomeTasks.Pending(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Assign"] = new(
            (changes, id, version) =>
                new AssignTaskCommandHandler(changes, KnownUsers())
                    .Handle(new AssignTaskCommand(id, Set: [Bob.UserId], ExpectedVersion: version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Maria,
            dto => Assert.Equal([Bob.UserId], dto.AssigneeIds),
            () => SomeTasks.Pending(Alice), Alice, "not_manager"),

        ["Tag"] = new(
            (changes, id, version) =>
                new TagTaskCommandHandler(changes).Handle(new TagTaskCommand(id, ["Urgent", "backend", "urgent"], version), CancellationToken.None),
            () => SomeTasks.Pending(Alice), Alice,
            dto => Assert.Equal(["backend", "urgent"], dto.Tags),
            () => SomeTasks.Pending(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),

        ["Unarchive"] = new(
            (changes, id, version) => new UnarchiveTaskCommandHandler(changes).Handle(new UnarchiveTaskCommand(id, version), CancellationToken.None),
            () => SomeTasks.Archived(Alice), Alice,
            dto => Assert.Equal(((DateTimeOffset?)null, TaskItemStatus.Pending), (dto.ArchivedAt, dto.Status)),
            () => SomeTasks.Archived(Alice), Bob, TaskErrors.NotCreatorOrManagerCode),
    };

    public static TheoryData<string> Names => new(All.Keys);

    /// <summary>A user repository in which every id asked about belongs to a user.</summary>
    public static IUserRepository KnownUsers()
    {
        var users = new Mock<IUserRepository>();
        users.Setup(repository => repository.ExistingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<Guid> ids, CancellationToken _) => ids.ToHashSet());
        return users.Object;
    }

    /// <summary>The commands whose rule is "the creator, a manager or an admin".</summary>
    public static TheoryData<string> ForCreatorOrManager =>
        new(All.Where(entry => entry.Value.RefusalCode == TaskErrors.NotCreatorOrManagerCode).Select(entry => entry.Key));
}
