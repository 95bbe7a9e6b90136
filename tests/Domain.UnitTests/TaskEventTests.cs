using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>What each change raises for the outbox, and the published type of each event.</summary>
public sealed class TaskEventTests
{
    [Theory]
    [InlineData(TaskTrigger.Publish, EventType.TaskPublished)]
    [InlineData(TaskTrigger.Take, EventType.TaskTaken)]
    [InlineData(TaskTrigger.Complete, EventType.TaskCompleted)]
    [InlineData(TaskTrigger.Fail, EventType.TaskFailed)]
    [InlineData(TaskTrigger.Release, EventType.TaskReleased)]
    [InlineData(TaskTrigger.Retry, EventType.TaskRetried)]
    [InlineData(TaskTrigger.Requeue, EventType.TaskRequeued)]
    [InlineData(TaskTrigger.Cancel, EventType.TaskCancelled)]
    public void EachTrigger_IsPublishedAsItsOwnType(TaskTrigger trigger, EventType expected)
    {
        var transitioned = new TaskTransitioned(Guid.NewGuid(), TaskItemStatus.Running, TaskItemStatus.Done, trigger, Owner.UserId, Clock.Now, null);

        Assert.Equal(expected, transitioned.Type);
    }

    [Fact]
    public void EveryTrigger_HasAnEventType()
    {
        var types = Enum.GetValues<TaskTrigger>()
            .Select(trigger => new TaskTransitioned(Guid.NewGuid(), TaskItemStatus.Running, TaskItemStatus.Done, trigger, Owner.UserId, Clock.Now, null).Type);

        Assert.Equal(Enum.GetValues<TaskTrigger>().Length, types.Distinct().Count());
    }

    [Theory]
    [InlineData(TaskHistoryKind.Commented, CommentChange.Added)]
    [InlineData(TaskHistoryKind.CommentEdited, CommentChange.Edited)]
    [InlineData(TaskHistoryKind.CommentDeleted, CommentChange.Deleted)]
    public void RecordComment_RaisesTaskCommented_WithWhatHappened(TaskHistoryKind kind, CommentChange change)
    {
        var task = TaskBuilder.New();
        var commentId = Guid.NewGuid();

        task.RecordComment(kind, commentId, Stranger, Clock.Now);

        var raised = Assert.IsType<TaskCommented>(task.DomainEvents.Last());
        Assert.Equal(new TaskCommented(task.Id, commentId, change, Stranger.UserId, Clock.Now), raised);
        Assert.Equal(EventType.TaskCommented, raised.Type);
    }

    [Fact]
    public void Tag_RaisesTaskUpdated_NamingTheTags()
    {
        var task = TaskBuilder.New();

        task.Tag(["Bug"], Creator, Clock.Now);

        Assert.Equal(new TaskUpdated(task.Id, ["tags"], Creator.UserId, Clock.Now), task.DomainEvents.Last());
    }

    [Fact]
    public void Update_RaisesTaskUpdated_NamingEachChangedField()
    {
        var task = TaskBuilder.New();

        task.Update(null, "New description", null, Clock.DueDate.AddDays(1), false, Creator, Clock.Now, metadata: "{\"a\":1}");

        Assert.Equal(new TaskUpdated(task.Id, ["description", "metadata", "dueDate"], Creator.UserId, Clock.Now), task.DomainEvents.Last());
    }

    [Fact]
    public void Complete_CarriesTheResult_AndFail_TheReason()
    {
        var completed = TaskBuilder.InStatus(TaskItemStatus.Running);
        var failed = TaskBuilder.InStatus(TaskItemStatus.Running);

        completed.Complete(Owner, "Shipped", Clock.Now);
        failed.Fail(Owner, "Broken", Clock.Now);

        Assert.Equal(("Shipped", (string?)null), (((TaskTransitioned)completed.DomainEvents.Last()).Result, ((TaskTransitioned)completed.DomainEvents.Last()).Reason));
        Assert.Equal(((string?)null, "Broken"), (((TaskTransitioned)failed.DomainEvents.Last()).Result, ((TaskTransitioned)failed.DomainEvents.Last()).Reason));
    }

    [Fact]
    public void TheSystemActors_AreKnownAsSuch_AndPeopleAreNot()
    {
        Assert.True(SystemActors.IsSystem(SystemActors.Engine.UserId));
        Assert.True(SystemActors.IsSystem(SystemActors.Scheduler.UserId));
        Assert.False(SystemActors.IsSystem(Creator.UserId));
    }
}
