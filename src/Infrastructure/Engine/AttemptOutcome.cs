using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>How one attempt of one task ended, as the worker reports it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Attempt">Which attempt: a report for an attempt the task has moved past (reaped, cancelled) is dropped.</param>
/// <param name="Result">The handler's answer.</param>
internal sealed record AttemptOutcome(Guid TaskId, int Attempt, TaskHandlerResult Result);
