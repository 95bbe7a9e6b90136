using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Who may fire which trigger: the owner alone finishes, the creator or a manager steers, anyone takes once.</summary>
public sealed class TaskPermissionTests
{
    public static readonly TheoryData<TaskTrigger, Who> OwnerOnlyTriggersByNonOwners = Cross(
        [TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], [Who.Creator, Who.Stranger, Who.Manager, Who.Admin]);

    /// <summary>The creator-or-manager transitions: from, trigger, to.</summary>
    private static readonly (TaskItemStatus From, TaskTrigger Trigger, TaskItemStatus To)[] Steering =
    [
        (TaskItemStatus.Draft, TaskTrigger.Publish, TaskItemStatus.Pending),
        (TaskItemStatus.Draft, TaskTrigger.Cancel, TaskItemStatus.Cancelled),
        (TaskItemStatus.Pending, TaskTrigger.Cancel, TaskItemStatus.Cancelled),
        (TaskItemStatus.Running, TaskTrigger.Cancel, TaskItemStatus.Cancelled),
        (TaskItemStatus.Failed, TaskTrigger.Retry, TaskItemStatus.Pending),
    ];

    private static TheoryData<TaskItemStatus, TaskTrigger, TaskItemStatus, Who> SteeringBy(Who[] actors)
    {
        var data = new TheoryData<TaskItemStatus, TaskTrigger, TaskItemStatus, Who>();
        foreach (var (from, trigger, to) in Steering)
        {
            foreach (var who in actors)
            {
                data.Add(from, trigger, to, who);
            }
        }

        return data;
    }

    public static TheoryData<TaskItemStatus, TaskTrigger, TaskItemStatus, Who> SteeringByOtherMembers() => SteeringBy([Who.Stranger, Who.Owner]);

    public static TheoryData<TaskItemStatus, TaskTrigger, TaskItemStatus, Who> SteeringByEntitled() => SteeringBy([Who.Creator, Who.Manager, Who.Admin]);

    [Theory]
    [MemberData(nameof(OwnerOnlyTriggersByNonOwners))]
    public void OwnerOnlyTrigger_RunningTaskByNonOwner_IsForbiddenAsNotOwnerAndChangesNothing(TaskTrigger trigger, Who who)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        TaskAssert.RefusedWithoutChange(task, () => TaskBuilder.Fire(task, trigger, People.Of(who), Clock.Now), "not_owner", ErrorKind.Forbidden);
        Assert.Equal(People.Owner.UserId, task.OwnerId);
    }

    [Theory]
    [MemberData(nameof(SteeringByOtherMembers))]
    public void SteeringTrigger_ByMemberWhoIsNotCreator_IsForbiddenAsNotCreatorOrManagerAndChangesNothing(
        TaskItemStatus from, TaskTrigger trigger, TaskItemStatus to, Who who)
    {
        var task = TaskBuilder.InStatus(from);

        TaskAssert.RefusedWithoutChange(
            task, () => TaskBuilder.Fire(task, trigger, People.Of(who), Clock.Now), "not_creator_or_manager", ErrorKind.Forbidden);
        Assert.NotEqual(to, task.Status);
    }

    [Theory]
    [MemberData(nameof(SteeringByEntitled))]
    public void SteeringTrigger_ByCreatorManagerOrAdmin_Succeeds(TaskItemStatus from, TaskTrigger trigger, TaskItemStatus to, Who who)
    {
        var task = TaskBuilder.InStatus(from);
        var before = TaskSnapshot.Of(task);
        var actor = People.Of(who);

        TaskBuilder.Fire(task, trigger, actor, Clock.Now);

        var reason = trigger == TaskTrigger.Cancel ? TaskBuilder.FiredReason : null;
        TaskAssert.Transitioned(task, before, from, to, trigger, actor, Clock.Now, reason);
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft, Who.Stranger)]
    [InlineData(TaskItemStatus.Pending, Who.Stranger)]
    [InlineData(TaskItemStatus.Running, Who.Stranger)]
    [InlineData(TaskItemStatus.Running, Who.Owner)]
    [InlineData(TaskItemStatus.Failed, Who.Owner)]
    public void Update_ByMemberWhoIsNotCreator_IsForbiddenAsNotCreatorOrManagerAndChangesNothing(TaskItemStatus status, Who who)
    {
        var task = TaskBuilder.InStatus(status);

        TaskAssert.RefusedWithoutChange(
            task, () => task.Update("Renamed", "New", TaskPriority.Critical, null, true, People.Of(who), Clock.Now), "not_creator_or_manager", ErrorKind.Forbidden);
    }

    [Theory]
    [InlineData(Who.Creator)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void Update_ByCreatorManagerOrAdmin_Succeeds(Who who)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        task.Update("Renamed", null, null, null, false, People.Of(who), Clock.Now);

        Assert.Equal(("Renamed", Clock.Now), (task.Title, task.UpdatedAt));
    }

    [Theory]
    [InlineData(Who.Creator)]
    [InlineData(Who.Owner)]
    [InlineData(Who.Stranger)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void Take_PendingTaskByAnyone_MakesThemTheOwner(Who who)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        task.Take(People.Of(who), Clock.Now);

        Assert.Equal((TaskItemStatus.Running, (Guid?)People.Of(who).UserId), (task.Status, task.OwnerId));
    }

    [Theory]
    [InlineData(Who.Owner)]
    [InlineData(Who.Stranger)]
    [InlineData(Who.Creator)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void Take_SecondTime_IsRefusedAsAlreadyTakenAndKeepsTheFirstOwner(Who second)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        task.Take(People.Owner, Clock.Now);

        TaskAssert.RefusedWithoutChange(task, () => task.Take(People.Of(second), Clock.Later), "task_already_taken", ErrorKind.Conflict);
        Assert.Equal(People.Owner.UserId, task.OwnerId);
    }

    private static TheoryData<TaskTrigger, Who> Cross(TaskTrigger[] triggers, Who[] actors)
    {
        var data = new TheoryData<TaskTrigger, Who>();
        foreach (var trigger in triggers)
        {
            foreach (var who in actors)
            {
                data.Add(trigger, who);
            }
        }

        return data;
    }
}
