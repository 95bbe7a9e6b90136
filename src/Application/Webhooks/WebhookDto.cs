using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Webhooks;

/// <summary>An endpoint that receives events, as admins see it; its secret is shown only when created or rotated.</summary>
public sealed class WebhookDto
{
    /// <summary>The webhook's id.</summary>
    public Guid Id { get; init; }

    /// <summary>Where the events are POSTed (http or https).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The event types it receives (docs/events.md).</summary>
    public IReadOnlyList<EventType> EventTypes { get; init; } = [];

    /// <summary>What it is for, up to 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are sent to it now; an inactive webhook gets no new deliveries, and its pending ones wait until it is active again.</summary>
    public bool Active { get; init; }

    /// <summary>Until when deliveries are also signed with the secret before the last rotation; null when only the current one signs.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>The admin who registered it.</summary>
    public Guid CreatedBy { get; init; }

    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed (its settings or its secret).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency version; also sent as the ETag, and expected back in If-Match.</summary>
    public uint Version { get; init; }
}
