using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>The overdue flag: set once per due date on an open, live task past its due date, by the scheduler.</summary>
public sealed class TaskOverdueTests
{
    private static readonly DateTimeOffset PastDue = Clock.DueDate.AddMinutes(1);

    [Theory]
    [InlineData(TaskItemStatus.Draft)]
    [InlineData(TaskItemStatus.Pending)]
    [InlineData(TaskItemStatus.Running)]
    public void FlagOverdue_AnOpenTaskPastItsDueDate_IsFlagged_WithAnEntryAndAnEvent(TaskItemStatus status)
    {
        var task = TaskBuilder.InStatus(status);
        task.ClearDomainEvents();
        var historyBefore = task.History.Count;

        Assert.True(task.FlagOverdue(PastDue));

        Assert.Equal(PastDue, task.OverdueFlaggedAt);
        Assert.Equal(PastDue, task.UpdatedAt);
        Assert.Equal(status, task.Status);
        var entry = Assert.Single(task.History.Skip(historyBefore));
        Assert.Equal((TaskHistoryKind.Overdue, SystemActors.Scheduler.UserId, PastDue), (entry.Kind, entry.ActorId, entry.OccurredAt));
        var raised = Assert.IsType<TaskOverdue>(Assert.Single(task.DomainEvents));
        Assert.Equal(new TaskOverdue(task.Id, Clock.DueDate, SystemActors.Scheduler.UserId, PastDue), raised);
        Assert.Equal(EventType.TaskOverdue, raised.Type);
    }

    [Fact]
    public void FlagOverdue_Twice_FlagsOnce()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        Assert.True(task.FlagOverdue(PastDue));
        var before = TaskSnapshot.Of(task);

        Assert.False(task.FlagOverdue(PastDue.AddHours(1)));

        Assert.Equal(before, TaskSnapshot.Of(task));
        Assert.Equal(PastDue, task.OverdueFlaggedAt);
    }

    [Theory]
    [InlineData(TaskItemStatus.Done)]
    [InlineData(TaskItemStatus.Failed)]
    [InlineData(TaskItemStatus.Cancelled)]
    public void FlagOverdue_AnEndedTask_ChangesNothing(TaskItemStatus status)
    {
        var task = TaskBuilder.InStatus(status);
        var before = TaskSnapshot.Of(task);

        Assert.False(task.FlagOverdue(PastDue));

        Assert.Equal(before, TaskSnapshot.Of(task));
        Assert.Null(task.OverdueFlaggedAt);
    }

    [Fact]
    public void FlagOverdue_AnArchivedTask_ChangesNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        task.Archive(Creator, Clock.Now);
        var before = TaskSnapshot.Of(task);

        Assert.False(task.FlagOverdue(PastDue));

        Assert.Equal(before, TaskSnapshot.Of(task));
        Assert.Null(task.OverdueFlaggedAt);
    }

    [Fact]
    public void FlagOverdue_BeforeOrAtTheDueDate_OrWithoutOne_ChangesNothing()
    {
        var dated = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var undated = TaskItem.Create(TaskBuilder.Title, null, TaskPriority.Normal, null, false, Creator, Clock.Created);

        Assert.False(dated.FlagOverdue(Clock.DueDate));
        Assert.False(dated.FlagOverdue(Clock.DueDate.AddSeconds(-1)));
        Assert.False(undated.FlagOverdue(PastDue));

        Assert.Null(dated.OverdueFlaggedAt);
        Assert.Null(undated.OverdueFlaggedAt);
    }

    [Fact]
    public void ANewDueDate_ClearsTheFlag_SoItCanBeFlaggedAgain()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        task.FlagOverdue(PastDue);
        var newDueDate = PastDue.AddDays(1);

        task.Update(null, null, null, newDueDate, clearDueDate: false, Creator, PastDue.AddMinutes(1));

        Assert.Null(task.OverdueFlaggedAt);
        Assert.False(task.FlagOverdue(newDueDate));
        task.ClearDomainEvents();
        Assert.True(task.FlagOverdue(newDueDate.AddMinutes(1)));
        Assert.Equal(newDueDate, Assert.IsType<TaskOverdue>(Assert.Single(task.DomainEvents)).DueDate);
    }

    [Fact]
    public void ClearingTheDueDate_ClearsTheFlag()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        task.FlagOverdue(PastDue);

        task.Update(null, null, null, null, clearDueDate: true, Creator, PastDue.AddMinutes(1));

        Assert.Null(task.OverdueFlaggedAt);
    }

    [Fact]
    public void EditingAnythingButTheDueDate_KeepsTheFlag()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        task.FlagOverdue(PastDue);

        task.Update("Renamed", null, TaskPriority.Critical, Clock.DueDate, clearDueDate: false, Creator, PastDue.AddMinutes(1));

        Assert.Equal(PastDue, task.OverdueFlaggedAt);
    }

    [Fact]
    public void OpenStatuses_AreThoseThatHaveNotEnded()
    {
        Assert.Equal([TaskItemStatus.Draft, TaskItemStatus.Pending, TaskItemStatus.Running], TaskItem.OpenStatuses);
        Assert.All(Enum.GetValues<TaskItemStatus>(), status => Assert.Equal(TaskItem.OpenStatuses.Contains(status), TaskBuilder.InStatus(status).IsOpen));
    }
}
