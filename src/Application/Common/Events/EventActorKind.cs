namespace TaskOrchestration.Application.Common.Events;

/// <summary>The kinds of actor an event names.</summary>
public enum EventActorKind
{
    /// <summary>A signed-in person.</summary>
    User,

    /// <summary>The worker engine, running an automated task.</summary>
    Engine,

    /// <summary>A scheduled job (overdue detection).</summary>
    Scheduler,
}
