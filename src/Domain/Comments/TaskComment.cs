using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Comments;

/// <summary>A remark on a task. Its author edits it; its author, managers and admins delete it (it stays as a tombstone).</summary>
public sealed class TaskComment : AggregateRoot
{
    public const int BodyMaxLength = 5_000;

    private TaskComment()
    {
        Body = string.Empty;
    }

    public Guid TaskId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the author last changed the text; null if never.</summary>
    public DateTimeOffset? EditedAt { get; private set; }

    /// <summary>When the comment was deleted; a deleted comment keeps no text.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public static TaskComment Write(Guid taskId, string body, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        return new TaskComment { Id = Guid.CreateVersion7(now), TaskId = taskId, AuthorId = author.UserId, Body = CheckBody(body), CreatedAt = now };
    }

    public void Edit(string body, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureNotDeleted();
        if (actor.UserId != AuthorId)
        {
            throw new DomainException(CommentErrors.NotAuthor);
        }

        Body = CheckBody(body);
        EditedAt = now;
    }

    public void Delete(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureNotDeleted();
        if (actor.UserId != AuthorId && !actor.IsManagerOrAdmin)
        {
            throw new DomainException(CommentErrors.NotAuthorOrModerator);
        }

        Body = string.Empty;
        DeletedAt = now;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException(CommentErrors.Deleted);
        }
    }

    private static string CheckBody(string? body)
    {
        var trimmed = body?.Trim() ?? string.Empty;
        return trimmed.Length is 0 or > BodyMaxLength ? throw new DomainException(CommentErrors.InvalidBody) : trimmed;
    }
}
