namespace TaskOrchestration.Domain.Common;

/// <summary>
/// What happened, as published: the type of an event in the outbox (and of the notifications and webhook deliveries
/// it leads to). docs/events.md describes each one's data. New members are added at the end; none is renamed.
/// </summary>
public enum EventType
{
    /// <summary>A task was created (as a draft or pending).</summary>
    TaskCreated,

    /// <summary>draft → pending.</summary>
    TaskPublished,

    /// <summary>pending → running: someone (or the worker engine) took it.</summary>
    TaskTaken,

    /// <summary>running → done.</summary>
    TaskCompleted,

    /// <summary>running → failed (for an automated task: its last attempt failed, it is dead).</summary>
    TaskFailed,

    /// <summary>running → pending: the owner gave it back (or a worker shut down before finishing it).</summary>
    TaskReleased,

    /// <summary>failed → pending: someone tries it again.</summary>
    TaskRetried,

    /// <summary>running → pending: an automated task's attempt failed and it waits for the next one.</summary>
    TaskRequeued,

    /// <summary>draft, pending or running → cancelled.</summary>
    TaskCancelled,

    /// <summary>Fields were edited (title, description, priority, due date, metadata, tags).</summary>
    TaskUpdated,

    /// <summary>The assignees changed.</summary>
    TaskAssigned,

    /// <summary>A comment was written, edited or deleted.</summary>
    TaskCommented,

    /// <summary>An open task passed its due date (flagged once by the overdue job).</summary>
    TaskOverdue,

    /// <summary>The task was archived (soft-deleted).</summary>
    TaskArchived,

    /// <summary>The task was restored from the archive.</summary>
    TaskUnarchived,

    /// <summary>A user's daily summary: a notification only, never in the outbox.</summary>
    DailySummary,
}
