using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>An archived task refuses every change but unarchiving, and offers no trigger.</summary>
public sealed class TaskArchiveTests
{
    [Theory]
    [InlineData(Who.Creator)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void Archive_LiveTaskByCreatorOrManager_ArchivesRecordingOneEntryAndOneEvent(Who who)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);
        var actor = People.Of(who);

        task.Archive(actor, Clock.Now);

        Assert.True(task.IsArchived);
        Assert.Equal(
            before with { ArchivedAt = Clock.Now, UpdatedAt = Clock.Now, HistoryCount = before.HistoryCount + 1, EventCount = before.EventCount + 1 },
            TaskSnapshot.Of(task));
        var entry = task.History.Last();
        Assert.Equal((TaskHistoryKind.Archived, actor.UserId, Clock.Now, (TaskTrigger?)null), (entry.Kind, entry.ActorId, entry.OccurredAt, entry.Trigger));
        Assert.Equal(new TaskArchived(task.Id, actor.UserId, Clock.Now), task.DomainEvents.Last());
    }

    [Theory]
    [InlineData(Who.Owner)]
    [InlineData(Who.Stranger)]
    public void Archive_ByMemberWhoIsNotCreator_IsForbiddenAndChangesNothing(Who who)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        TaskAssert.RefusedWithoutChange(task, () => task.Archive(People.Of(who), Clock.Now), "not_creator_or_manager", ErrorKind.Forbidden);
    }

    [Fact]
    public void Archive_AlreadyArchived_ChangesNothing()
    {
        var task = Archived(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Archive(Manager, Clock.Later);

        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft, TaskTrigger.Publish, Who.Creator)]
    [InlineData(TaskItemStatus.Draft, TaskTrigger.Cancel, Who.Creator)]
    [InlineData(TaskItemStatus.Pending, TaskTrigger.Take, Who.Stranger)]
    [InlineData(TaskItemStatus.Pending, TaskTrigger.Cancel, Who.Admin)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Complete, Who.Owner)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Fail, Who.Owner)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Release, Who.Owner)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Cancel, Who.Manager)]
    [InlineData(TaskItemStatus.Failed, TaskTrigger.Retry, Who.Creator)]
    public void Fire_PermittedTransitionOnArchivedTask_IsRefusedAsArchivedAndChangesNothing(TaskItemStatus status, TaskTrigger trigger, Who who)
    {
        var task = Archived(status);

        TaskAssert.RefusedWithoutChange(task, () => TaskBuilder.Fire(task, trigger, People.Of(who), Clock.Later), "task_archived", ErrorKind.Conflict);
    }

    [Fact]
    public void Update_ArchivedTask_IsRefusedAsArchivedAndChangesNothing()
    {
        var task = Archived(TaskItemStatus.Pending);

        TaskAssert.RefusedWithoutChange(task, () => task.Update("Renamed", null, null, null, false, Creator, Clock.Later), "task_archived", ErrorKind.Conflict);
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft, Who.Creator)]
    [InlineData(TaskItemStatus.Pending, Who.Stranger)]
    [InlineData(TaskItemStatus.Running, Who.Owner)]
    [InlineData(TaskItemStatus.Running, Who.Admin)]
    [InlineData(TaskItemStatus.Failed, Who.Manager)]
    public void PermittedTriggers_ArchivedTask_AreEmpty(TaskItemStatus status, Who who)
    {
        Assert.Empty(Archived(status).PermittedTriggers(People.Of(who)));
    }

    [Fact]
    public void Unarchive_ArchivedTask_RestoresItRecordingOneEntryAndOneEvent()
    {
        var task = Archived(TaskItemStatus.Running);
        var before = TaskSnapshot.Of(task);

        task.Unarchive(Manager, Clock.Later);

        Assert.False(task.IsArchived);
        Assert.Equal(
            before with { ArchivedAt = null, UpdatedAt = Clock.Later, HistoryCount = before.HistoryCount + 1, EventCount = before.EventCount + 1 },
            TaskSnapshot.Of(task));
        Assert.Equal((TaskHistoryKind.Unarchived, Manager.UserId), (task.History.Last().Kind, task.History.Last().ActorId));
        Assert.Equal(new TaskUnarchived(task.Id, Manager.UserId, Clock.Later), task.DomainEvents.Last());
        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], task.PermittedTriggers(Owner));
    }

    [Fact]
    public void Unarchive_ByMemberWhoIsNotCreator_IsForbiddenAndChangesNothing()
    {
        var task = Archived(TaskItemStatus.Pending);

        TaskAssert.RefusedWithoutChange(task, () => task.Unarchive(Stranger, Clock.Later), "not_creator_or_manager", ErrorKind.Forbidden);
    }

    [Fact]
    public void Unarchive_LiveTask_ChangesNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Unarchive(Creator, Clock.Now);

        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    private static TaskItem Archived(TaskItemStatus status)
    {
        var task = TaskBuilder.InStatus(status);
        task.Archive(Creator, Clock.Now);
        return task;
    }
}
