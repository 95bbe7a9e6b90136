using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>A webhook's deliveries, newest first (admins): what was sent, and what came of each.</summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="Status">Only the deliveries in this status.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Deliveries per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count them too (up to 10,000).</param>
[RequiresRole(UserRole.Admin)]
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, WebhookDeliveryStatus? Status = null, int Page = 1, int PageSize = 20, bool IncludeTotal = false)
    : IRequest<PagedList<WebhookDeliveryDto>>;

public sealed class ListWebhookDeliveriesQueryHandler(IWebhookSubscriptionRepository subscriptions, IWebhookDeliveryRepository deliveries, IMapper mapper)
    : IRequestHandler<ListWebhookDeliveriesQuery, PagedList<WebhookDeliveryDto>>
{
    public async Task<PagedList<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await subscriptions.GetAsync(request.WebhookId, expectedVersion: null, cancellationToken);
        var page = await deliveries.ListAsync(subscription.Id, request.Status, new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(mapper.Map<WebhookDeliveryDto>);
    }
}
