using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;

namespace TaskOrchestration.Application.Notifications.Queries.ListNotifications;

/// <summary>The signed-in user's notifications, newest first.</summary>
/// <param name="UnreadOnly">Only those not yet marked read.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Notifications per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count them too (up to 10,000).</param>
public sealed record ListNotificationsQuery(bool UnreadOnly = false, int Page = 1, int PageSize = 20, bool IncludeTotal = false) : IRequest<PagedList<NotificationDto>>;

public sealed class ListNotificationsQueryHandler(INotificationRepository notifications, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListNotificationsQuery, PagedList<NotificationDto>>
{
    public async Task<PagedList<NotificationDto>> Handle(ListNotificationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await notifications.ListAsync(
            currentUser.RequireActor().UserId, request.UnreadOnly, new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(mapper.Map<NotificationDto>);
    }
}
