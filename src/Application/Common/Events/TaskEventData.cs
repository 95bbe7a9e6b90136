using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Common.Events;

// The data of each event type, as published (docs/events.md). Fields are only ever added.

/// <summary>taskCreated: the new task's status (draft or pending).</summary>
public sealed record TaskCreatedData(TaskItemStatus Status);

/// <summary>
/// Every lifecycle event (taskPublished, taskTaken, taskCompleted, taskFailed, taskReleased, taskRetried,
/// taskRequeued, taskCancelled): the statuses before and after, the trigger, the reason of a failure, requeue or
/// cancellation, and the result of a completion.
/// </summary>
public sealed record TaskTransitionedData(TaskItemStatus From, TaskItemStatus To, TaskTrigger Trigger, string? Reason, string? Result);

/// <summary>taskUpdated: the fields that changed, named as the API names them.</summary>
public sealed record TaskUpdatedData(IReadOnlyList<string> Fields);

/// <summary>taskAssigned: everyone the task is assigned to now.</summary>
public sealed record TaskAssignedData(IReadOnlyList<Guid> AssigneeIds);

/// <summary>taskCommented: the comment and what happened to it.</summary>
public sealed record TaskCommentedData(Guid CommentId, CommentChange Change);

/// <summary>taskOverdue: the due date the open task passed.</summary>
public sealed record TaskOverdueData(DateTimeOffset DueDate);

/// <summary>taskArchived, taskUnarchived (and any type without data of its own): no fields.</summary>
public sealed record NoEventData;
