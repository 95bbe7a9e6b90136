using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>People and tasks in each status, reached by walking the real lifecycle.</summary>
internal static class TaskBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = Now.AddMinutes(5);

    public static readonly Actor Creator = new(Guid.NewGuid(), UserRole.Member);
    public static readonly Actor Owner = new(Guid.NewGuid(), UserRole.Member);
    public static readonly Actor Stranger = new(Guid.NewGuid(), UserRole.Member);
    public static readonly Actor Manager = new(Guid.NewGuid(), UserRole.Manager);
    public static readonly Actor Admin = new(Guid.NewGuid(), UserRole.Admin);

    /// <summary>A task created by <see cref="Creator"/> and, where it has one, owned by <see cref="Owner"/>.</summary>
    public static TaskItem InStatus(TaskItemStatus status)
    {
        var task = TaskItem.Create("Write the release notes", null, TaskPriority.Normal, null, status == TaskItemStatus.Draft, Creator, Now);
        switch (status)
        {
            case TaskItemStatus.Running:
                task.Take(Owner, Now);
                break;
            case TaskItemStatus.Done:
                task.Take(Owner, Now);
                task.Complete(Owner, "Done", Now);
                break;
            case TaskItemStatus.Failed:
                task.Take(Owner, Now);
                task.Fail(Owner, "Broken", Now);
                break;
            case TaskItemStatus.Cancelled:
                task.Cancel(Creator, null, Now);
                break;
        }

        task.ClearDomainEvents();
        return task;
    }

    /// <summary>Fires <paramref name="trigger"/> the way the API would, with the arguments it needs.</summary>
    public static void Fire(TaskItem task, TaskTrigger trigger, Actor actor, DateTimeOffset at)
    {
        switch (trigger)
        {
            case TaskTrigger.Publish: task.Publish(actor, at); break;
            case TaskTrigger.Take: task.Take(actor, at); break;
            case TaskTrigger.Complete: task.Complete(actor, "Result", at); break;
            case TaskTrigger.Fail: task.Fail(actor, "Reason", at); break;
            case TaskTrigger.Release: task.Release(actor, at); break;
            case TaskTrigger.Retry: task.Retry(actor, at); break;
            case TaskTrigger.Cancel: task.Cancel(actor, "Reason", at); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null);
        }
    }

    /// <summary>The actor the rules let fire <paramref name="trigger"/> on a task from <see cref="InStatus"/>.</summary>
    public static Actor RightfulActor(TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.Complete or TaskTrigger.Fail or TaskTrigger.Release => Owner,
        TaskTrigger.Take => Stranger,
        _ => Creator,
    };
}
