using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Schedules.Queries.ListSchedules;

/// <summary>Every scheduled job with its schedule, next run and last run (managers and admins).</summary>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record ListSchedulesQuery : IRequest<IReadOnlyList<ScheduleDto>>;

public sealed class ListSchedulesQueryHandler(IScheduleMonitor monitor, TimeProvider clock) : IRequestHandler<ListSchedulesQuery, IReadOnlyList<ScheduleDto>>
{
    public Task<IReadOnlyList<ScheduleDto>> Handle(ListSchedulesQuery request, CancellationToken cancellationToken) =>
        monitor.ListAsync(clock.GetUtcNow(), cancellationToken);
}
