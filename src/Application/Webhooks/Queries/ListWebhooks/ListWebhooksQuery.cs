using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Webhooks.Queries.ListWebhooks;

/// <summary>The registered webhooks, newest first (admins), without their secrets.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Webhooks per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count them too (up to 10,000).</param>
[RequiresRole(UserRole.Admin)]
public sealed record ListWebhooksQuery(int Page = 1, int PageSize = 20, bool IncludeTotal = false) : IRequest<PagedList<WebhookDto>>;

public sealed class ListWebhooksQueryHandler(IWebhookSubscriptionRepository subscriptions, IMapper mapper) : IRequestHandler<ListWebhooksQuery, PagedList<WebhookDto>>
{
    public async Task<PagedList<WebhookDto>> Handle(ListWebhooksQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await subscriptions.ListAsync(new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(mapper.Map<WebhookDto>);
    }
}
