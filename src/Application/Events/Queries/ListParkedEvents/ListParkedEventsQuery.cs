using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Events.Queries.ListParkedEvents;

/// <summary>Events the dispatcher parked after too many failed deliveries, most recent first (admins).</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Events per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count them too (up to 10,000).</param>
[RequiresRole(UserRole.Admin)]
public sealed record ListParkedEventsQuery(int Page = 1, int PageSize = 20, bool IncludeTotal = false) : IRequest<PagedList<ParkedEventDto>>;

public sealed class ListParkedEventsQueryHandler(IOutboxAdministration outbox) : IRequestHandler<ListParkedEventsQuery, PagedList<ParkedEventDto>>
{
    public async Task<PagedList<ParkedEventDto>> Handle(ListParkedEventsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await outbox.ListParkedAsync(new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(parked => parked);
    }
}
