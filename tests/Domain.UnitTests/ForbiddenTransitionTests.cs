using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Every (status, trigger) pair outside the lifecycle is refused with a conflict and changes nothing.</summary>
public sealed class ForbiddenTransitionTests
{
    /// <summary>The lifecycle of the design, written out independently of <see cref="TaskLifecycle"/>.</summary>
    internal static readonly IReadOnlySet<(TaskItemStatus From, TaskTrigger Trigger)> Permitted = new HashSet<(TaskItemStatus, TaskTrigger)>
    {
        (TaskItemStatus.Draft, TaskTrigger.Publish),
        (TaskItemStatus.Draft, TaskTrigger.Cancel),
        (TaskItemStatus.Pending, TaskTrigger.Take),
        (TaskItemStatus.Pending, TaskTrigger.Cancel),
        (TaskItemStatus.Running, TaskTrigger.Complete),
        (TaskItemStatus.Running, TaskTrigger.Fail),
        (TaskItemStatus.Running, TaskTrigger.Release),
        (TaskItemStatus.Running, TaskTrigger.Cancel),
        (TaskItemStatus.Failed, TaskTrigger.Retry),
    };

    public static TheoryData<TaskItemStatus, TaskTrigger> ForbiddenPairs()
    {
        var data = new TheoryData<TaskItemStatus, TaskTrigger>();
        foreach (var status in Enum.GetValues<TaskItemStatus>())
        {
            foreach (var trigger in TaskBuilder.PeopleTriggers.Where(trigger => !Permitted.Contains((status, trigger))))
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Fact]
    public void ForbiddenPairs_AllStatusesAndTriggers_AreEveryPairButTheNinePermitted()
    {
        Assert.Equal((6, 7, 9), (Enum.GetValues<TaskItemStatus>().Length, TaskBuilder.PeopleTriggers.Count, Permitted.Count));
        Assert.Equal((6 * 7) - 9, ForbiddenPairs().Count);
    }

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public void Fire_ForbiddenPairByActorWithEveryRight_IsRefusedAsConflictAndChangesNothing(TaskItemStatus status, TaskTrigger trigger)
    {
        // The manager created the task and, once it was taken, owns it: no guard can be what refuses the trigger.
        var boss = People.Manager;
        var task = TaskBuilder.InStatus(status, creator: boss, owner: boss);

        TaskAssert.RefusedWithoutChange(task, () => TaskBuilder.Fire(task, trigger, boss, Clock.Now), ExpectedCode(status, trigger), ErrorKind.Conflict);
    }

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public void Fire_ForbiddenPairByStranger_IsRefusedAsConflictNotForbiddenAndChangesNothing(TaskItemStatus status, TaskTrigger trigger)
    {
        var task = TaskBuilder.InStatus(status);

        TaskAssert.RefusedWithoutChange(
            task, () => TaskBuilder.Fire(task, trigger, People.Stranger, Clock.Now), ExpectedCode(status, trigger), ErrorKind.Conflict);
    }

    /// <summary>Taking a task someone owns (running, done, failed) is "already taken"; anything else is "invalid".</summary>
    private static string ExpectedCode(TaskItemStatus status, TaskTrigger trigger) =>
        trigger == TaskTrigger.Take && status is TaskItemStatus.Running or TaskItemStatus.Done or TaskItemStatus.Failed
            ? "task_already_taken"
            : "invalid_transition";
}
