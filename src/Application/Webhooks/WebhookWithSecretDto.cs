using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Webhooks;

/// <summary>A webhook just created or whose secret was just rotated, with the secret: it is never shown again.</summary>
public sealed class WebhookWithSecretDto
{
    /// <summary>The webhook's id.</summary>
    public Guid Id { get; init; }

    /// <summary>Where the events are POSTed (http or https).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The event types it receives (docs/events.md).</summary>
    public IReadOnlyList<EventType> EventTypes { get; init; } = [];

    /// <summary>What it is for, up to 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Whether events are sent to it now.</summary>
    public bool Active { get; init; }

    /// <summary>
    /// The signing secret: <c>whsec_</c> and the base64 of 32 random bytes, whose decoded bytes are the HMAC-SHA256
    /// key (docs/events.md, "Webhooks"). Store it now: it is not shown again.
    /// </summary>
    public string Secret { get; init; } = string.Empty;

    /// <summary>Until when deliveries are also signed with the secret before this rotation; null when only the new one signs.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>The admin who registered it.</summary>
    public Guid CreatedBy { get; init; }

    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The concurrency version; also sent as the ETag, and expected back in If-Match.</summary>
    public uint Version { get; init; }
}
