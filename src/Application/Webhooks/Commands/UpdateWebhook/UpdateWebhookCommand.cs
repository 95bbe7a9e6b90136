using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Webhooks.Commands.UpdateWebhook;

/// <summary>Changes a webhook (admins). A field left null keeps its value.</summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="Url">A new URL, under the same rules as at registration.</param>
/// <param name="EventTypes">The new set of event types: at least one.</param>
/// <param name="Description">A new description, up to 500 characters; empty removes it.</param>
/// <param name="Active">False pauses it (deliveries wait), true resumes it.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
[RequiresRole(UserRole.Admin)]
public sealed record UpdateWebhookCommand(
    Guid WebhookId,
    string? Url = null,
    IReadOnlyList<EventType>? EventTypes = null,
    string? Description = null,
    bool? Active = null,
    uint? ExpectedVersion = null) : IRequest<WebhookDto>;

public sealed class UpdateWebhookCommandHandler(
    IWebhookSubscriptionRepository subscriptions,
    IWebhookDestinationPolicy destinations,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper) : IRequestHandler<UpdateWebhookCommand, WebhookDto>
{
    public async Task<WebhookDto> Handle(UpdateWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await subscriptions.GetAsync(request.WebhookId, request.ExpectedVersion, cancellationToken);
        if (request.Url?.Trim() is { } url && url != subscription.Url)
        {
            await destinations.EnsureAllowedAsync(url, cancellationToken);
        }

        subscription.Change(request.Url, request.EventTypes, request.Description, request.Active, clock.GetUtcNow());

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<WebhookDto>(subscription);
    }
}
