using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Webhooks.Queries.GetWebhook;

/// <summary>One webhook (admins), without its secret.</summary>
/// <param name="WebhookId">The webhook.</param>
[RequiresRole(UserRole.Admin)]
public sealed record GetWebhookQuery(Guid WebhookId) : IRequest<WebhookDto>;

public sealed class GetWebhookQueryHandler(IWebhookSubscriptionRepository subscriptions, IMapper mapper) : IRequestHandler<GetWebhookQuery, WebhookDto>
{
    public async Task<WebhookDto> Handle(GetWebhookQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return mapper.Map<WebhookDto>(await subscriptions.GetAsync(request.WebhookId, expectedVersion: null, cancellationToken));
    }
}
