using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Notifications;

/// <summary>
/// A message in one person's inbox: something happened to a task they are involved in (or their daily summary).
/// Its text is written once, when it is created, so it reads the same however the task changes later.
/// </summary>
public sealed class Notification : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 2_000;

    private Notification()
    {
        Title = string.Empty;
    }

    /// <summary>The person it is for.</summary>
    public Guid RecipientId { get; private set; }

    public EventType Type { get; private set; }

    /// <summary>The task it is about; null for a daily summary.</summary>
    public Guid? TaskId { get; private set; }

    /// <summary>
    /// The event it came from (for a daily summary, an id derived from its slot). Unique per recipient, so one event
    /// can never notify the same person twice.
    /// </summary>
    public Guid? EventId { get; private set; }

    /// <summary>Who caused it, when a person or a system actor did.</summary>
    public Guid? ActorId { get; private set; }

    /// <summary>A short sentence: <c>Ada completed "Write the release notes"</c>.</summary>
    public string Title { get; private set; }

    /// <summary>More detail when there is some: a failure's reason, a completion's result, a summary's list.</summary>
    public string? Body { get; private set; }

    /// <summary>When what it tells happened.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the recipient marked it read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>
    /// A new, unread notification. Text longer than its limit is shortened with an ellipsis rather than refused: a
    /// long task title must not stop an event from being delivered.
    /// </summary>
    public static Notification Create(Guid recipientId, EventType type, Guid? taskId, Guid? eventId, Guid? actorId, string title, string? body, DateTimeOffset createdAt)
    {
        var trimmedTitle = title?.Trim() ?? string.Empty;
        if (recipientId == Guid.Empty || trimmedTitle.Length == 0)
        {
            throw new ArgumentException("A notification needs a recipient and a title.", nameof(title));
        }

        var trimmedBody = body?.Trim();
        return new Notification
        {
            Id = Guid.CreateVersion7(createdAt),
            RecipientId = recipientId,
            Type = type,
            TaskId = taskId,
            EventId = eventId,
            ActorId = actorId,
            Title = Shorten(trimmedTitle, TitleMaxLength),
            Body = string.IsNullOrEmpty(trimmedBody) ? null : Shorten(trimmedBody, BodyMaxLength),
            CreatedAt = createdAt,
        };
    }

    /// <summary>Marks it read; marking a read notification again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary><paramref name="text"/> cut to at most <paramref name="maxLength"/> characters, ending in "…" when cut.</summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1).TrimEnd(), "…");
    }
}
