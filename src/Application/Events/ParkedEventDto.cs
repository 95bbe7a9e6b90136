using TaskOrchestration.Application.Common.Events;

namespace TaskOrchestration.Application.Events;

/// <summary>An event the dispatcher set aside after it failed too often: why, and the event itself.</summary>
public sealed class ParkedEventDto
{
    /// <summary>The event's id (also <c>envelope.id</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>How many deliveries failed.</summary>
    public required int Attempts { get; init; }

    /// <summary>The last failure: the consumer, the exception and its message.</summary>
    public required string? LastError { get; init; }

    /// <summary>When it was parked.</summary>
    public required DateTimeOffset ParkedAt { get; init; }

    /// <summary>The event as consumers receive it (docs/events.md).</summary>
    public required EventEnvelope Envelope { get; init; }
}
