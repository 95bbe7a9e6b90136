using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Engine.Handlers;

/// <summary>
/// <c>demo.title-parity</c>: waits <see cref="WorkerOptions.DemoDelay"/>, then completes with "success" when the
/// title has an even number of characters and fails with "error" when odd. A predictable handler to try the engine
/// with (retries, dead tasks, cancellation while it waits).
/// </summary>
internal sealed class TitleParityHandler(IOptions<WorkerOptions> options, TimeProvider clock) : ITaskHandler
{
    public const string KindName = "demo.title-parity";

    public string Kind => KindName;

    public async Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Task.Delay(options.Value.DemoDelay, clock, cancellationToken);
        return run.Title.Length % 2 == 0 ? TaskHandlerResult.Success("success") : TaskHandlerResult.Failure("error");
    }
}
