using TaskOrchestration.Application.Common.Events;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>What travels on the backplane (a PostgreSQL NOTIFY payload): the event, and the team that decides who may see it.</summary>
internal sealed record LiveUpdateMessage(Guid? TeamId, EventEnvelope Envelope)
{
    /// <summary>The NOTIFY channel every API instance listens on.</summary>
    public const string Channel = "taskorch_live_updates";

    /// <summary>
    /// NOTIFY payloads must stay under 8,000 bytes; an event whose data is larger (a long result) travels without
    /// it, marked <c>{"truncated": true}</c>: clients fetch the task for the rest.
    /// </summary>
    public const int MaxPayloadBytes = 7_500;
}
