using System.Text.Json;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks;

/// <summary>One event sent (or to be sent) to one webhook, and what came of its attempts.</summary>
public sealed class WebhookDeliveryDto
{
    /// <summary>The delivery's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The webhook it goes to.</summary>
    public Guid WebhookId { get; init; }

    /// <summary>The event's id: the <c>webhook-id</c> header of every attempt.</summary>
    public Guid EventId { get; init; }

    /// <summary>The event's type.</summary>
    public EventType EventType { get; init; }

    /// <summary>pending (waiting for an attempt), succeeded (2xx) or failed (refused for good, or out of attempts).</summary>
    public WebhookDeliveryStatus Status { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due; null once it succeeded or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the last attempt was made.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The HTTP status of the last answer; null when there was none (network error, timeout, refused address).</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; init; }

    /// <summary>When the event became this delivery.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the receiver accepted it.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The body of every attempt: the event envelope (docs/events.md).</summary>
    public JsonElement Payload { get; init; }
}
