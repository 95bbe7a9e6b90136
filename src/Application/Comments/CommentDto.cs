namespace TaskOrchestration.Application.Comments;

/// <summary>A comment on a task.</summary>
public sealed class CommentDto
{
    /// <summary>The comment's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The task it belongs to.</summary>
    public Guid TaskId { get; init; }

    /// <summary>Who wrote it.</summary>
    public Guid AuthorId { get; init; }

    /// <summary>The text.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its author last edited it; null if never.</summary>
    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>True once the author edited it.</summary>
    public bool Edited => EditedAt is not null;
}
