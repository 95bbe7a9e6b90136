using System.Globalization;
using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Notifications;

/// <summary>What a notification says: a short title (<c>Ada completed "Write the release notes"</c>) and, where there is more to say, a body.</summary>
public sealed record NotificationText(string Title, string? Body)
{
    /// <summary>Task titles are quoted at most this long, so that the sentence around them fits in a notification's title.</summary>
    private const int QuotedTitleMaxLength = 120;

    /// <summary>The text that tells <paramref name="recipientId"/> of <paramref name="envelope"/>.</summary>
    /// <param name="envelope">The event.</param>
    /// <param name="task">The task it happened to.</param>
    /// <param name="actorName">How to name whoever did it.</param>
    /// <param name="recipientId">Who reads it (an assignment reads differently to the people assigned).</param>
    public static NotificationText For(EventEnvelope envelope, TaskParticipants task, string actorName, Guid recipientId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(task);
        var quoted = $"\"{Notification.Shorten(task.Title, QuotedTitleMaxLength)}\"";
        var lifecycle = envelope.Type is >= EventType.TaskPublished and <= EventType.TaskCancelled
            ? envelope.Data.Deserialize<TaskTransitionedData>(EventJson.Options)
            : null;
        return envelope.Type switch
        {
            EventType.TaskPublished => new($"{actorName} published {quoted}", null),
            EventType.TaskTaken => new($"{actorName} took {quoted}", null),
            EventType.TaskCompleted => new($"{actorName} completed {quoted}", Labelled("Result", lifecycle?.Result)),
            EventType.TaskFailed when task.IsAutomated => new($"{quoted} failed and has no attempts left", Labelled("Reason", lifecycle?.Reason)),
            EventType.TaskFailed => new($"{actorName} marked {quoted} as failed", Labelled("Reason", lifecycle?.Reason)),
            EventType.TaskReleased => new($"{actorName} gave {quoted} back", null),
            EventType.TaskRetried => new($"{actorName} retried {quoted}", null),
            EventType.TaskRequeued => new($"{quoted} failed an attempt and waits for the next", Labelled("Reason", lifecycle?.Reason)),
            EventType.TaskCancelled => new($"{actorName} cancelled {quoted}", Labelled("Reason", lifecycle?.Reason)),
            EventType.TaskUpdated => new($"{actorName} edited {quoted}", Labelled("Changed", ListOf(envelope.Data, "fields"))),
            EventType.TaskAssigned when IsAssigned(envelope.Data, recipientId) => new($"{actorName} assigned you to {quoted}", null),
            EventType.TaskAssigned => new($"{actorName} changed who {quoted} is assigned to", null),
            EventType.TaskCommented => new(CommentTitle(envelope.Data, actorName, quoted), null),
            EventType.TaskOverdue => new($"{quoted} is overdue", DueText(envelope.Data)),
            EventType.TaskArchived => new($"{actorName} archived {quoted}", null),
            EventType.TaskUnarchived => new($"{actorName} restored {quoted} from the archive", null),
            _ => new($"{quoted}: {envelope.Type}", null),
        };
    }

    /// <summary>How an event's actor is named: a person by their display name, the system actors by what they are.</summary>
    public static string ActorName(EventActor actor, IReadOnlyDictionary<Guid, NotificationPerson> people)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(people);
        return actor.Kind switch
        {
            EventActorKind.Engine => "The worker engine",
            EventActorKind.Scheduler => "The scheduler",
            _ => people.TryGetValue(actor.Id, out var person) ? person.DisplayName : "Someone",
        };
    }

    private static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    private static string? ListOf(JsonElement data, string property) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join(", ", list.EnumerateArray().Select(item => item.ToString()))
            : null;

    private static bool IsAssigned(JsonElement data, Guid recipientId) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("assigneeIds", out var ids) && ids.ValueKind == JsonValueKind.Array
        && ids.EnumerateArray().Any(id => id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var assignee) && assignee == recipientId);

    private static string CommentTitle(JsonElement data, string actorName, string quoted)
    {
        var change = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("change", out var value) ? value.GetString() : null;
        return change switch
        {
            "edited" => $"{actorName} edited a comment on {quoted}",
            "deleted" => $"{actorName} deleted a comment on {quoted}",
            _ => $"{actorName} commented on {quoted}",
        };
    }

    private static string? DueText(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("dueDate", out var due) && due.TryGetDateTimeOffset(out var dueDate)
            ? $"It was due {dueDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
            : null;
}
