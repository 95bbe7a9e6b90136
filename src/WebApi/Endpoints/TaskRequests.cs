using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>The fields of a task to change; a field left out keeps its value.</summary>
/// <param name="Title">A new title, 1 to 200 characters.</param>
/// <param name="Description">A new description, up to 10,000 characters.</param>
/// <param name="Priority">A new priority.</param>
/// <param name="DueDate">A new due date.</param>
/// <param name="ClearDueDate">True to remove the due date.</param>
/// <param name="Metadata">A new metadata object (at most 16 KiB).</param>
public sealed record UpdateTaskRequest(
    string? Title = null,
    string? Description = null,
    TaskPriority? Priority = null,
    DateTimeOffset? DueDate = null,
    bool ClearDueDate = false,
    System.Text.Json.JsonElement? Metadata = null);

/// <summary>What the work produced.</summary>
/// <param name="Result">Up to 10,000 characters.</param>
public sealed record CompleteTaskRequest(string? Result = null);

/// <summary>Why the work failed.</summary>
/// <param name="Reason">1 to 2,000 characters.</param>
public sealed record FailTaskRequest(string? Reason = null);

/// <summary>Why the task is called off.</summary>
/// <param name="Reason">Up to 2,000 characters.</param>
public sealed record CancelTaskRequest(string? Reason = null);

/// <summary>The complete set of people a task is assigned to.</summary>
/// <param name="UserIds">The assignees; an empty list unassigns everyone.</param>
public sealed record SetAssigneesRequest(IReadOnlyList<Guid>? UserIds);

/// <summary>The complete set of a task's tags.</summary>
/// <param name="Tags">The tags; an empty list removes them all.</param>
public sealed record SetTagsRequest(IReadOnlyList<string>? Tags);
