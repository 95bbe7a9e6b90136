using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TaskUpdateTests
{
    [Fact]
    public void Update_AllFieldsNull_KeepsEveryValueAndRecordsNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Update(null, null, null, null, false, Creator, Clock.Now);

        Assert.Equal(before, TaskSnapshot.Of(task));
        Assert.Equal(
            (TaskBuilder.Title, (string?)TaskBuilder.Description, TaskBuilder.Priority, (DateTimeOffset?)Clock.DueDate),
            (task.Title, task.Description, task.Priority, task.DueDate));
    }

    [Fact]
    public void Update_SameValuesAsNow_RecordsNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Update($"  {TaskBuilder.Title} ", TaskBuilder.Description, TaskBuilder.Priority, Clock.DueDate, false, Creator, Clock.Now);

        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    [Fact]
    public void Update_GivenFields_ReplacesThemTrimmingTheTitle()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var due = Clock.DueDate.AddDays(3);

        task.Update("  Renamed  ", "New details", TaskPriority.Critical, due, false, Creator, Clock.Now);

        Assert.Equal(("Renamed", (string?)"New details", TaskPriority.Critical, (DateTimeOffset?)due), (task.Title, task.Description, task.Priority, task.DueDate));
    }

    [Fact]
    public void Update_SomeFieldsChanged_AppendsOneEditEntryAndOneTaskUpdatedLeavingTheRest()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var before = TaskSnapshot.Of(task);

        task.Update("Renamed", null, TaskPriority.Critical, null, false, Manager, Clock.Now);

        Assert.Equal(
            before with { Title = "Renamed", Priority = TaskPriority.Critical, UpdatedAt = Clock.Now, HistoryCount = before.HistoryCount + 1, EventCount = before.EventCount + 1 },
            TaskSnapshot.Of(task));
        var entry = task.History.Last();
        Assert.Equal((TaskHistoryKind.Edited, Manager.UserId, Clock.Now), (entry.Kind, entry.ActorId, entry.OccurredAt));
        Assert.Equal(
            [new FieldChange("priority", "high", "critical"), new FieldChange("title", TaskBuilder.Title, "Renamed")],
            entry.Changes.OrderBy(change => change.Field, StringComparer.Ordinal));
        Assert.Equal(new TaskUpdated(task.Id, ["title", "priority"], Manager.UserId, Clock.Now), task.DomainEvents.Last());
    }

    [Fact]
    public void Update_ClearDueDate_RemovesTheDueDateOnly()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        task.Update(null, null, null, null, true, Creator, Clock.Now);

        Assert.Null(task.DueDate);
        Assert.Equal((TaskBuilder.Title, TaskBuilder.Priority, Clock.Now), (task.Title, task.Priority, task.UpdatedAt));
        Assert.Equal("dueDate", Assert.Single(task.History.Last().Changes).Field);
    }

    [Fact]
    public void Update_NoDueDateWithoutClearing_KeepsTheDueDate()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        task.Update("Renamed", null, null, null, false, Creator, Clock.Now);

        Assert.Equal(Clock.DueDate, task.DueDate);
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft)]
    [InlineData(TaskItemStatus.Pending)]
    [InlineData(TaskItemStatus.Running)]
    [InlineData(TaskItemStatus.Failed)]
    public void Update_OpenTask_ChangesFieldsButNotTheLifecycle(TaskItemStatus status)
    {
        var task = TaskBuilder.InStatus(status);
        var before = TaskSnapshot.Of(task);

        task.Update("Renamed", null, null, null, false, Creator, Clock.Now);

        Assert.Equal(before with { Title = "Renamed", UpdatedAt = Clock.Now, HistoryCount = before.HistoryCount + 1, EventCount = before.EventCount + 1 }, TaskSnapshot.Of(task));
        Assert.Equal(TaskHistoryKind.Edited, task.History.Last().Kind);
    }

    [Theory]
    [InlineData(TaskItemStatus.Done, Who.Creator)]
    [InlineData(TaskItemStatus.Done, Who.Admin)]
    [InlineData(TaskItemStatus.Cancelled, Who.Creator)]
    [InlineData(TaskItemStatus.Cancelled, Who.Manager)]
    public void Update_ClosedTask_IsRefusedAsTaskClosedAndChangesNothing(TaskItemStatus status, Who who)
    {
        var task = TaskBuilder.InStatus(status);

        TaskAssert.RefusedWithoutChange(
            task, () => task.Update("Renamed", "New", TaskPriority.Critical, null, true, People.Of(who), Clock.Now), "task_closed", ErrorKind.Conflict);
    }

    [Fact]
    public void Update_InvalidTitle_IsRefusedAndChangesNoOtherField()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        TaskAssert.RefusedWithoutChange(
            task, () => task.Update(" ", "New details", TaskPriority.Critical, null, true, Creator, Clock.Now), "invalid_title", ErrorKind.Validation);
    }

    [Fact]
    public void Update_DescriptionOver10000Chars_IsRefusedAndChangesNoOtherField()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        TaskAssert.RefusedWithoutChange(
            task,
            () => task.Update("Renamed", new string('x', 10_001), TaskPriority.Critical, null, true, Creator, Clock.Now),
            "invalid_description",
            ErrorKind.Validation);
    }
}
