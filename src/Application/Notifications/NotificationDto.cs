using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Notifications;

/// <summary>A notification in the signed-in user's inbox.</summary>
public sealed class NotificationDto
{
    /// <summary>The notification's id.</summary>
    public Guid Id { get; init; }

    /// <summary>What it tells of: an event type (docs/events.md), or dailySummary.</summary>
    public EventType Type { get; init; }

    /// <summary>The task it is about; null for a daily summary.</summary>
    public Guid? TaskId { get; init; }

    /// <summary>Who caused it (a user, or the engine's or scheduler's fixed id); null for a daily summary.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>A short sentence, up to 200 characters: <c>Ada completed "Write the release notes"</c>.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>More detail when there is some (a failure's reason, a summary's list), up to 2,000 characters.</summary>
    public string? Body { get; init; }

    /// <summary>When what it tells happened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was marked read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; init; }
}
