using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Each permitted transition, fired by its rightful actor: the whole resulting state, history and event.</summary>
public sealed class TaskLifecycleTransitionTests
{
    [Fact]
    public void Publish_DraftByCreator_MovesToPendingWithNoOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Draft);
        var before = TaskSnapshot.Of(task);

        task.Publish(Creator, Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Draft, TaskItemStatus.Pending, TaskTrigger.Publish, Creator, Clock.Now, reason: null);
        Assert.Equal(((Guid?)null, (string?)null, (string?)null, 1), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Take_PendingByMember_MovesToRunningAndMakesThemOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Take(Owner, Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Pending, TaskItemStatus.Running, TaskTrigger.Take, Owner, Clock.Now, reason: null);
        Assert.Equal(((Guid?)Owner.UserId, (string?)null, (string?)null, 1), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Complete_RunningByOwner_MovesToDoneKeepingOwnerAndStoringResult()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);

        task.Complete(Owner, "Shipped to production", Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Done, TaskTrigger.Complete, Owner, Clock.Now, reason: null, result: "Shipped to production");
        Assert.Equal(((Guid?)Owner.UserId, "Shipped to production", (string?)null, 1), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Complete_RunningByOwnerWithoutResult_MovesToDoneWithNoResult()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);

        task.Complete(Owner, null, Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Done, TaskTrigger.Complete, Owner, Clock.Now, reason: null);
        Assert.Equal(((Guid?)Owner.UserId, (string?)null), (task.OwnerId, task.Result));
    }

    [Fact]
    public void Fail_RunningByOwner_MovesToFailedKeepingOwnerAndRecordingReason()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);

        task.Fail(Owner, "The printer is on fire", Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Failed, TaskTrigger.Fail, Owner, Clock.Now, "The printer is on fire");
        Assert.Equal(((Guid?)Owner.UserId, (string?)null, "The printer is on fire", 1), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Release_RunningByOwner_MovesToPendingAndClearsOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);

        task.Release(Owner, Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Pending, TaskTrigger.Release, Owner, Clock.Now, reason: null);
        Assert.Equal(((Guid?)null, (string?)null, (string?)null, 1), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Release_ThenTakeByAnotherMember_MakesThemTheOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        task.Release(Owner, Clock.Now);

        task.Take(Stranger, Clock.Later);

        Assert.Equal((TaskItemStatus.Running, (Guid?)Stranger.UserId), (task.Status, task.OwnerId));
    }

    [Fact]
    public void Retry_FailedByCreator_MovesToPendingClearingOwnerAndReasonAndCountingAnAttempt()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Failed);
        var before = TaskSnapshot.Of(task);

        task.Retry(Creator, Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Failed, TaskItemStatus.Pending, TaskTrigger.Retry, Creator, Clock.Now, reason: null);
        Assert.Equal(((Guid?)null, (string?)null, (string?)null, 2), (task.OwnerId, task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Fact]
    public void Retry_AfterASecondFailure_CountsTheThirdAttempt()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Failed);
        task.Retry(Creator, Clock.Now);
        task.Take(Stranger, Clock.Now);
        task.Fail(Stranger, "Still broken", Clock.Now);

        task.Retry(Creator, Clock.Later);

        Assert.Equal((TaskItemStatus.Pending, 3), (task.Status, task.Run.AttemptCount));
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft)]
    [InlineData(TaskItemStatus.Pending)]
    [InlineData(TaskItemStatus.Running)]
    public void Cancel_OpenTaskByCreator_MovesToCancelledRecordingReason(TaskItemStatus from)
    {
        var task = TaskBuilder.InStatus(from);
        var before = TaskSnapshot.Of(task);

        task.Cancel(Creator, "No longer needed", Clock.Now);

        TaskAssert.Transitioned(task, before, from, TaskItemStatus.Cancelled, TaskTrigger.Cancel, Creator, Clock.Now, "No longer needed");
        Assert.Equal(((string?)null, (string?)null, 1), (task.Result, task.FailureReason, task.Run.AttemptCount));
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft)]
    [InlineData(TaskItemStatus.Pending)]
    public void Cancel_UnownedTaskWithoutReason_MovesToCancelledWithNoOwnerOrReason(TaskItemStatus from)
    {
        var task = TaskBuilder.InStatus(from);
        var before = TaskSnapshot.Of(task);

        task.Cancel(Creator, null, Clock.Now);

        TaskAssert.Transitioned(task, before, from, TaskItemStatus.Cancelled, TaskTrigger.Cancel, Creator, Clock.Now, reason: null);
        Assert.Null(task.OwnerId);
    }

    [Fact]
    public void History_WholeLifecycle_RecordsEveryTransitionInOrder()
    {
        var task = TaskBuilder.New(asDraft: true);

        task.Publish(Creator, Clock.Now);
        task.Take(Owner, Clock.Now);
        task.Fail(Owner, "Flaky", Clock.Now);
        task.Retry(Manager, Clock.Now);
        task.Take(Stranger, Clock.Now);
        task.Complete(Stranger, "Done at last", Clock.Later);

        Assert.Equal(
            [TaskTrigger.Publish, TaskTrigger.Take, TaskTrigger.Fail, TaskTrigger.Retry, TaskTrigger.Take, TaskTrigger.Complete],
            task.History.Select(entry => entry.Trigger));
        Assert.Equal(task.History.Select(entry => entry.Trigger), task.DomainEvents.OfType<TaskTransitioned>().Select(raised => (TaskTrigger?)raised.Trigger));
        Assert.Equal((TaskItemStatus.Done, (Guid?)Stranger.UserId, "Done at last", 2), (task.Status, task.OwnerId, task.Result, task.Run.AttemptCount));
    }
}
