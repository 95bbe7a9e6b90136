using System.Text.Json;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Common.Events;

/// <summary>
/// One published event, as the outbox stores it and every consumer (notifications, webhooks, live updates) receives
/// it: a versioned envelope around the event's own data (docs/events.md describes each type's data).
/// </summary>
/// <param name="Id">The event's id: unique, so a consumer that sees it twice knows it is the same event.</param>
/// <param name="Version">The envelope's version (<see cref="CurrentVersion"/>); it changes only when a field changes meaning or goes.</param>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="TaskId">The task it happened to.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Data">The type's own fields (docs/events.md).</param>
public sealed record EventEnvelope(Guid Id, int Version, EventType Type, DateTimeOffset OccurredAt, Guid TaskId, EventActor Actor, JsonElement Data)
{
    public const int CurrentVersion = 1;
}
