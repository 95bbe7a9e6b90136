namespace TaskOrchestration.Application.Common.Events;

/// <summary>Who caused an event: a person, the worker engine or the scheduler.</summary>
/// <param name="Id">The user id (the engine and the scheduler have their own, fixed ids).</param>
/// <param name="Kind">Which of the three.</param>
public sealed record EventActor(Guid Id, EventActorKind Kind);
