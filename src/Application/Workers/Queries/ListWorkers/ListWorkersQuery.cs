using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Workers.Queries.ListWorkers;

/// <summary>The worker processes seen in the last day (managers and admins), with what each runs.</summary>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record ListWorkersQuery : IRequest<IReadOnlyList<WorkerDto>>;

public sealed class ListWorkersQueryHandler(IEngineMonitor monitor, IEngineSettings settings, TimeProvider clock)
    : IRequestHandler<ListWorkersQuery, IReadOnlyList<WorkerDto>>
{
    public Task<IReadOnlyList<WorkerDto>> Handle(ListWorkersQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return monitor.ListWorkersAsync(now.AddDays(-1), now - settings.LeaseDuration, cancellationToken);
    }
}
