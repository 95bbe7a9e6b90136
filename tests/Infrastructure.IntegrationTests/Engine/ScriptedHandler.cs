using System.Collections.Concurrent;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// <c>test.scripted</c>: does what the task's title says (<see cref="FailsOnce"/>, <see cref="Blocks"/>, anything
/// else succeeds at once), and records when each attempt started.
/// </summary>
internal sealed class ScriptedHandler : ITaskHandler
{
    public const string KindName = "test.scripted";

    /// <summary>The first attempt fails (to be retried after the backoff); the next succeeds.</summary>
    public const string FailsOnce = "fails once";

    /// <summary>Runs until <see cref="Release"/>.</summary>
    public const string Blocks = "blocks";

    // A hang guard, not a measure: only a task that never starts waits this long.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(Guid TaskId, int Attempt), TaskCompletionSource> _started = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _released = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> _cancelled = new();

    public string Kind => KindName;

    public async Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Source(_started, (run.TaskId, run.Attempt)).TrySetResult();
        switch (run.Title)
        {
            case FailsOnce when run.Attempt == 1:
                return TaskHandlerResult.Failure("The first attempt fails.");
            case Blocks:
                try
                {
                    await Source(_released, run.TaskId).Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    _cancelled.GetOrAdd(run.TaskId, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(DateTimeOffset.UtcNow);
                    throw;
                }

                break;
        }

        return TaskHandlerResult.Success();
    }

    /// <summary>Completes when the attempt's handler has begun; throws when it has not within the hang guard.</summary>
    public Task StartedAsync(Guid taskId, int attempt = 1) => Source(_started, (taskId, attempt)).Task.WaitAsync(Patience);

    public bool HasStarted(Guid taskId, int attempt = 1) => _started.TryGetValue((taskId, attempt), out var started) && started.Task.IsCompleted;

    public void Release(Guid taskId) => Source(_released, taskId).TrySetResult();

    /// <summary>When the engine cancelled the blocking handler of <paramref name="taskId"/>; throws when it did not within <paramref name="patience"/>.</summary>
    public Task<DateTimeOffset> CancelledAsync(Guid taskId, TimeSpan patience) =>
        _cancelled.GetOrAdd(taskId, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(patience);

    private static TaskCompletionSource Source<TKey>(ConcurrentDictionary<TKey, TaskCompletionSource> sources, TKey key)
        where TKey : notnull =>
        sources.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
