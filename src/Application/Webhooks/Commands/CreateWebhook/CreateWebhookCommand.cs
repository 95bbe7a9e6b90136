using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks.Commands.CreateWebhook;

/// <summary>Registers an endpoint to receive events (admins); answers its signing secret, once.</summary>
/// <param name="Url">An absolute http(s) URL without user name or password, that is not on an internal network.</param>
/// <param name="EventTypes">The event types it receives: at least one.</param>
/// <param name="Description">What it is for, up to 500 characters.</param>
/// <param name="Active">False registers it paused: it gets no deliveries until it is activated.</param>
[RequiresRole(UserRole.Admin)]
public sealed record CreateWebhookCommand(string Url, IReadOnlyList<EventType> EventTypes, string? Description = null, bool Active = true) : IRequest<WebhookWithSecretDto>;

public sealed class CreateWebhookCommandHandler(
    IWebhookSubscriptionRepository subscriptions,
    IWebhookDestinationPolicy destinations,
    IUnitOfWork unitOfWork,
    ICurrentUser currentUser,
    TimeProvider clock,
    IMapper mapper) : IRequestHandler<CreateWebhookCommand, WebhookWithSecretDto>
{
    public async Task<WebhookWithSecretDto> Handle(CreateWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = WebhookSubscription.Create(request.Url, request.EventTypes, request.Description, request.Active, WebhookSecret.Generate(), currentUser.RequireActor(), clock.GetUtcNow());
        await destinations.EnsureAllowedAsync(subscription.Url, cancellationToken);
        subscriptions.Add(subscription);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<WebhookWithSecretDto>(subscription);
    }
}
