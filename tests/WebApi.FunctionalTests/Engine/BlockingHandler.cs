using System.Collections.Concurrent;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.WebApi.FunctionalTests.Engine;

/// <summary><c>test.blocking</c>: runs until its token is cancelled, and records when each attempt started and was cancelled.</summary>
public sealed class BlockingHandler : ITaskHandler
{
    public const string KindName = "test.blocking";

    public ConcurrentDictionary<Guid, TaskCompletionSource> Started { get; } = new();

    public ConcurrentDictionary<Guid, TaskCompletionSource> Cancelled { get; } = new();

    public string Kind => KindName;

    public async Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Signal(Started, run.TaskId);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Signal(Cancelled, run.TaskId);
        }

        return TaskHandlerResult.Success();
    }

    public Task StartedAsync(Guid taskId) => Source(Started, taskId).Task.WaitAsync(TimeSpan.FromSeconds(15));

    public Task CancelledAsync(Guid taskId) => Source(Cancelled, taskId).Task.WaitAsync(TimeSpan.FromSeconds(15));

    private static TaskCompletionSource Source(ConcurrentDictionary<Guid, TaskCompletionSource> sources, Guid taskId) =>
        sources.GetOrAdd(taskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void Signal(ConcurrentDictionary<Guid, TaskCompletionSource> sources, Guid taskId) => Source(sources, taskId).TrySetResult();
}
