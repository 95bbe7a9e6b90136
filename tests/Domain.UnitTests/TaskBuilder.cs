using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>The people of the tests, by the part they play; theories name them with this enum.</summary>
public enum Who
{
    /// <summary>The member who created the task.</summary>
    Creator,

    /// <summary>The member who takes the task (in draft and pending tasks, just another member).</summary>
    Owner,

    /// <summary>A member with no part in the task.</summary>
    Stranger,

    Manager,

    Admin,
}

internal static class People
{
    public static readonly Actor Creator = new(new Guid("00000000-0000-0000-0000-00000000c0de"), UserRole.Member);
    public static readonly Actor Owner = new(new Guid("00000000-0000-0000-0000-0000000000ee"), UserRole.Member);
    public static readonly Actor Stranger = new(new Guid("00000000-0000-0000-0000-00000000005e"), UserRole.Member);
    public static readonly Actor Manager = new(new Guid("00000000-0000-0000-0000-00000000aaaa"), UserRole.Manager);
    public static readonly Actor Admin = new(new Guid("00000000-0000-0000-0000-00000000adad"), UserRole.Admin);

    public static Actor Of(Who who) => who switch
    {
        Who.Creator => Creator,
        Who.Owner => Owner,
        Who.Stranger => Stranger,
        Who.Manager => Manager,
        Who.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };
}

/// <summary>A fixed clock: the builder acts at the first instants, the tests at <see cref="Now"/> and <see cref="Later"/>.</summary>
internal static class Clock
{
    public static readonly DateTimeOffset Created = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Taken = Created.AddMinutes(1);
    public static readonly DateTimeOffset Finished = Created.AddMinutes(2);
    public static readonly DateTimeOffset Now = Created.AddMinutes(10);
    public static readonly DateTimeOffset Later = Now.AddMinutes(1);
    public static readonly DateTimeOffset DueDate = Created.AddDays(7);
}

/// <summary>Tasks in each status, reached by walking the real lifecycle from <see cref="TaskItem.Create"/>.</summary>
internal static class TaskBuilder
{
    public const string Title = "Write the release notes";
    public const string Description = "For version 2.0";

    /// <summary>Not the default priority, so a field silently reset to a default shows.</summary>
    public const TaskPriority Priority = TaskPriority.High;
    public const string BuilderResult = "Notes published";
    public const string BuilderFailure = "The wiki is down";

    /// <summary>What <see cref="Fire"/> passes to the triggers that take a text.</summary>
    public const string FiredResult = "Shipped";
    public const string FiredReason = "No longer needed";

    public static TaskItem New(bool asDraft = false, Actor? creator = null) =>
        TaskItem.Create(Title, Description, Priority, Clock.DueDate, asDraft, creator ?? People.Creator, Clock.Created);

    /// <summary>
    /// A task created by <paramref name="creator"/> (default <see cref="People.Creator"/>) and, once taken, owned by
    /// <paramref name="owner"/> (default <see cref="People.Owner"/>). Cancelled tasks are cancelled from draft.
    /// </summary>
    public static TaskItem InStatus(TaskItemStatus status, Actor? creator = null, Actor? owner = null)
    {
        creator ??= People.Creator;
        owner ??= People.Owner;
        var task = New(asDraft: status is TaskItemStatus.Draft or TaskItemStatus.Cancelled, creator);
        if (status is TaskItemStatus.Running or TaskItemStatus.Done or TaskItemStatus.Failed)
        {
            task.Take(owner, Clock.Taken);
        }

        switch (status)
        {
            case TaskItemStatus.Done:
                task.Complete(owner, BuilderResult, Clock.Finished);
                break;
            case TaskItemStatus.Failed:
                task.Fail(owner, BuilderFailure, Clock.Finished);
                break;
            case TaskItemStatus.Cancelled:
                task.Cancel(creator, null, Clock.Finished);
                break;
        }

        Assert.Equal(status, task.Status);
        return task;
    }

    /// <summary>
    /// The triggers people fire through the API. Requeue is the worker engine's alone, fired by
    /// <see cref="TaskItem.FailRun"/> on automated tasks (AutomatedTaskTests); no API operation fires it.
    /// </summary>
    public static readonly IReadOnlyList<TaskTrigger> PeopleTriggers = [.. Enum.GetValues<TaskTrigger>().Where(trigger => trigger != TaskTrigger.Requeue)];

    /// <summary>Fires <paramref name="trigger"/> the way the API would, with valid arguments.</summary>
    public static void Fire(TaskItem task, TaskTrigger trigger, Actor actor, DateTimeOffset at)
    {
        switch (trigger)
        {
            case TaskTrigger.Publish: task.Publish(actor, at); break;
            case TaskTrigger.Take: task.Take(actor, at); break;
            case TaskTrigger.Complete: task.Complete(actor, FiredResult, at); break;
            case TaskTrigger.Fail: task.Fail(actor, FiredReason, at); break;
            case TaskTrigger.Release: task.Release(actor, at); break;
            case TaskTrigger.Retry: task.Retry(actor, at); break;
            case TaskTrigger.Cancel: task.Cancel(actor, FiredReason, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null);
        }
    }
}
