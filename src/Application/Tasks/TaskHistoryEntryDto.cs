using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>One change in a task's history.</summary>
public sealed class TaskHistoryEntryDto
{
    /// <summary>The entry's id.</summary>
    public Guid Id { get; init; }

    /// <summary>What happened.</summary>
    public TaskHistoryKind Kind { get; init; }

    /// <summary>For transitions: the status before.</summary>
    public TaskItemStatus? From { get; init; }

    /// <summary>For transitions: the status after.</summary>
    public TaskItemStatus? To { get; init; }

    /// <summary>For transitions: the action taken.</summary>
    public TaskTrigger? Trigger { get; init; }

    /// <summary>For edits: each field's old and new value.</summary>
    public IReadOnlyList<FieldChangeDto> Changes { get; init; } = [];

    /// <summary>Who did it.</summary>
    public Guid ActorId { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The reason given, if any.</summary>
    public string? Reason { get; init; }
}

/// <summary>A field's value before and after an edit.</summary>
public sealed class FieldChangeDto
{
    /// <summary>The field's API name, such as "title".</summary>
    public string Field { get; init; } = string.Empty;

    /// <summary>The value before.</summary>
    public string? OldValue { get; init; }

    /// <summary>The value after.</summary>
    public string? NewValue { get; init; }
}
