using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Application.Queues;

/// <summary>Pausing and resuming, the one way: the kind must be served here; the answer is the queue as it is now.</summary>
public sealed class QueuePausing(IEngineMonitor monitor, TaskKinds kinds, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<QueueDto> SetAsync(string kind, bool paused, CancellationToken cancellationToken)
    {
        if (kind == Domain.Tasks.TaskAutomation.ManualKind || !kinds.Exists(kind))
        {
            throw new NotFoundException("queue", kind);
        }

        var now = clock.GetUtcNow();
        await monitor.SetPausedAsync(kind, paused, currentUser.RequireActor().UserId, now, cancellationToken);
        return (await monitor.ListQueuesAsync([kind], now, cancellationToken))[0];
    }
}
