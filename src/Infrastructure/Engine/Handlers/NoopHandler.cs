using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Engine.Handlers;

/// <summary><c>system.noop</c>: completes at once with no output; what the engine benchmark measures the engine with.</summary>
internal sealed class NoopHandler : ITaskHandler
{
    public const string KindName = "system.noop";

    public string Kind => KindName;

    public Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken) => Task.FromResult(TaskHandlerResult.Success());
}
