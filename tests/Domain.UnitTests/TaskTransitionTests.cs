using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.TaskBuilder;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TaskTransitionTests
{
    /// <summary>The lifecycle of the issue, written out independently of TaskLifecycle.</summary>
    public static readonly TheoryData<TaskItemStatus, TaskTrigger, TaskItemStatus> PermittedTransitions = new()
    {
        { TaskItemStatus.Draft, TaskTrigger.Publish, TaskItemStatus.Pending },
        { TaskItemStatus.Draft, TaskTrigger.Cancel, TaskItemStatus.Cancelled },
        { TaskItemStatus.Pending, TaskTrigger.Take, TaskItemStatus.Running },
        { TaskItemStatus.Pending, TaskTrigger.Cancel, TaskItemStatus.Cancelled },
        { TaskItemStatus.Running, TaskTrigger.Complete, TaskItemStatus.Done },
        { TaskItemStatus.Running, TaskTrigger.Fail, TaskItemStatus.Failed },
        { TaskItemStatus.Running, TaskTrigger.Release, TaskItemStatus.Pending },
        { TaskItemStatus.Running, TaskTrigger.Cancel, TaskItemStatus.Cancelled },
        { TaskItemStatus.Failed, TaskTrigger.Retry, TaskItemStatus.Pending },
    };

    public static TheoryData<TaskItemStatus, TaskTrigger> ForbiddenTransitions()
    {
        var permitted = PermittedTransitions.Select(row => ((TaskItemStatus)row[0], (TaskTrigger)row[1])).ToHashSet();
        var forbidden = new TheoryData<TaskItemStatus, TaskTrigger>();
        foreach (var status in Enum.GetValues<TaskItemStatus>())
        {
            foreach (var trigger in Enum.GetValues<TaskTrigger>().Where(trigger => !permitted.Contains((status, trigger))))
            {
                forbidden.Add(status, trigger);
            }
        }

        return forbidden;
    }

    [Theory]
    [MemberData(nameof(PermittedTransitions))]
    public void PermittedTransition_MovesTheTask_RecordsHistory_AndRaisesOneEvent(TaskItemStatus from, TaskTrigger trigger, TaskItemStatus to)
    {
        var task = InStatus(from);
        var actor = RightfulActor(trigger);
        var historyBefore = task.History.Count;

        Fire(task, trigger, actor, Later);

        Assert.Equal(to, task.Status);
        Assert.Equal(Later, task.UpdatedAt);
        var entry = task.History.Last();
        Assert.Equal(historyBefore + 1, task.History.Count);
        Assert.Equal((from, to, trigger, actor.UserId, Later), (entry.From, entry.To, entry.Trigger, entry.ActorId, entry.OccurredAt));
        var raised = Assert.IsType<TaskTransitioned>(Assert.Single(task.DomainEvents));
        Assert.Equal((task.Id, from, to, trigger, actor.UserId, Later), (raised.TaskId, raised.From, raised.To, raised.Trigger, raised.ActorId, raised.OccurredAt));
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void ForbiddenTransition_IsRefused_AndChangesNothing(TaskItemStatus from, TaskTrigger trigger)
    {
        var task = InStatus(from);
        var before = (task.Status, task.OwnerId, task.UpdatedAt, task.History.Count, task.AttemptCount, task.Result, task.FailureReason);

        var error = Assert.Throws<DomainException>(() => Fire(task, trigger, Admin, Later)).Error;

        var expected = trigger == TaskTrigger.Take && task.OwnerId is not null ? "task_already_taken" : "invalid_transition";
        Assert.Equal(expected, error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(before, (task.Status, task.OwnerId, task.UpdatedAt, task.History.Count, task.AttemptCount, task.Result, task.FailureReason));
        Assert.Empty(task.DomainEvents);
    }

    [Fact]
    public void Take_MakesTheActorTheOwner_AndASecondTakeIsRefused()
    {
        var task = InStatus(TaskItemStatus.Pending);

        task.Take(Owner, Later);
        var error = Assert.Throws<DomainException>(() => task.Take(Stranger, Later)).Error;

        Assert.Equal(Owner.UserId, task.OwnerId);
        Assert.Equal("task_already_taken", error.Code);
    }

    [Fact]
    public void Complete_KeepsTheOwnerAndStoresTheResult()
    {
        var task = InStatus(TaskItemStatus.Running);

        task.Complete(Owner, "Shipped", Later);

        Assert.Equal((Owner.UserId, "Shipped"), (task.OwnerId, task.Result));
    }

    [Fact]
    public void Fail_StoresTheReason_InTheTaskAndItsHistory()
    {
        var task = InStatus(TaskItemStatus.Running);

        task.Fail(Owner, "The printer is on fire", Later);

        Assert.Equal("The printer is on fire", task.FailureReason);
        Assert.Equal("The printer is on fire", task.History.Last().Reason);
    }

    [Fact]
    public void Release_ClearsTheOwner()
    {
        var task = InStatus(TaskItemStatus.Running);

        task.Release(Owner, Later);

        Assert.Null(task.OwnerId);
    }

    [Fact]
    public void Retry_CountsAnAttempt_AndClearsOwnerAndFailure()
    {
        var task = InStatus(TaskItemStatus.Failed);

        task.Retry(Creator, Later);

        Assert.Equal((2, (Guid?)null, (string?)null), (task.AttemptCount, task.OwnerId, task.FailureReason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Fail_WithoutAReason_IsRefused_AndChangesNothing(string reason)
    {
        var task = InStatus(TaskItemStatus.Running);

        var error = Assert.Throws<DomainException>(() => task.Fail(Owner, reason, Later)).Error;

        Assert.Equal("failure_reason_required", error.Code);
        Assert.Equal(TaskItemStatus.Running, task.Status);
    }

    [Fact]
    public void Fail_WithAnOversizedReason_IsRefused()
    {
        var task = InStatus(TaskItemStatus.Running);

        Assert.Throws<DomainException>(() => task.Fail(Owner, new string('x', TaskItem.ReasonMaxLength + 1), Later));
        Assert.Equal(TaskItemStatus.Running, task.Status);
    }

    [Fact]
    public void Complete_WithAnOversizedResult_IsRefused()
    {
        var task = InStatus(TaskItemStatus.Running);

        var error = Assert.Throws<DomainException>(() => task.Complete(Owner, new string('x', TaskItem.ResultMaxLength + 1), Later)).Error;

        Assert.Equal("invalid_result", error.Code);
        Assert.Equal(TaskItemStatus.Running, task.Status);
    }

    [Fact]
    public void Cancel_WithAnOversizedReason_IsRefused()
    {
        var task = InStatus(TaskItemStatus.Pending);

        var error = Assert.Throws<DomainException>(() => task.Cancel(Creator, new string('x', TaskItem.ReasonMaxLength + 1), Later)).Error;

        Assert.Equal("invalid_reason", error.Code);
        Assert.Equal(TaskItemStatus.Pending, task.Status);
    }
}
