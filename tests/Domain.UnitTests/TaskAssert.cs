using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Everything about a task that a refused operation must leave as it was.</summary>
internal readonly record struct TaskSnapshot(
    TaskItemStatus Status,
    Guid? OwnerId,
    string? Result,
    string? FailureReason,
    int AttemptCount,
    int MaxAttempts,
    DateTimeOffset? RunAfter,
    string? LeasedBy,
    DateTimeOffset? LeaseExpiresAt,
    string Title,
    string? Description,
    TaskPriority Priority,
    DateTimeOffset? DueDate,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt,
    DateTimeOffset? OverdueFlaggedAt,
    int HistoryCount,
    int EventCount)
{
    public static TaskSnapshot Of(TaskItem task) => new(
        task.Status,
        task.OwnerId,
        task.Result,
        task.FailureReason,
        task.Run.AttemptCount,
        task.Run.MaxAttempts,
        task.Run.RunAfter,
        task.Run.LeasedBy,
        task.Run.LeaseExpiresAt,
        task.Title,
        task.Description,
        task.Priority,
        task.DueDate,
        task.UpdatedAt,
        task.ArchivedAt,
        task.OverdueFlaggedAt,
        task.History.Count,
        task.DomainEvents.Count);
}

internal static class TaskAssert
{
    /// <summary>Asserts that <paramref name="act"/> throws the given domain error and leaves <paramref name="task"/> unchanged.</summary>
    public static void RefusedWithoutChange(TaskItem task, Action act, string code, ErrorKind kind)
    {
        var before = TaskSnapshot.Of(task);

        var error = Assert.Throws<DomainException>(act).Error;

        Assert.Equal((code, kind), (error.Code, error.Kind));
        Assert.Equal(before, TaskSnapshot.Of(task));
    }

    /// <summary>
    /// Asserts one transition happened at <paramref name="at"/>: the status, the update time, exactly one history entry
    /// and exactly one <see cref="TaskTransitioned"/> event, both with the same data.
    /// </summary>
    public static void Transitioned(
        TaskItem task, TaskSnapshot before, TaskItemStatus from, TaskItemStatus to, TaskTrigger trigger, Actor actor, DateTimeOffset at, string? reason, string? result = null)
    {
        Assert.Equal(from, before.Status);
        Assert.NotEqual(before.UpdatedAt, at);

        Assert.Equal(to, task.Status);
        Assert.Equal(at, task.UpdatedAt);

        Assert.Equal(before.HistoryCount + 1, task.History.Count);
        var entry = task.History.Last();
        Assert.NotEqual(Guid.Empty, entry.Id);
        Assert.Equal(TaskHistoryKind.Transitioned, entry.Kind);
        Assert.Empty(entry.Changes);
        Assert.Equal((task.Id, from, to, trigger, actor.UserId, at, reason), (entry.TaskId, entry.From, entry.To, entry.Trigger, entry.ActorId, entry.OccurredAt, entry.Reason));

        Assert.Equal(before.EventCount + 1, task.DomainEvents.Count);
        var raised = Assert.IsType<TaskTransitioned>(task.DomainEvents.Last());
        Assert.Equal(new TaskTransitioned(task.Id, from, to, trigger, actor.UserId, at, reason, result), raised);
    }
}
