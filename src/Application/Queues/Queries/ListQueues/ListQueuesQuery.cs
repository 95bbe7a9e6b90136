using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Queues.Queries.ListQueues;

/// <summary>Every automated kind this deployment serves, with its counts (managers and admins).</summary>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record ListQueuesQuery : IRequest<IReadOnlyList<QueueDto>>;

public sealed class ListQueuesQueryHandler(IEngineMonitor monitor, TaskKinds kinds, TimeProvider clock)
    : IRequestHandler<ListQueuesQuery, IReadOnlyList<QueueDto>>
{
    public Task<IReadOnlyList<QueueDto>> Handle(ListQueuesQuery request, CancellationToken cancellationToken) =>
        monitor.ListQueuesAsync(kinds.Automated, clock.GetUtcNow(), cancellationToken);
}
