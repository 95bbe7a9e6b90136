using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks.Commands.RotateWebhookSecret;

/// <summary>
/// Gives a webhook a new signing secret (admins) and answers it, once. By default deliveries are signed with the
/// previous secret too for 24 hours, so the receiver can switch without refusing any; for a leaked secret, drop it
/// at once with <paramref name="KeepPrevious"/> false.
/// </summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="KeepPrevious">True: the previous secret signs as well for 24 hours; false: it stops now.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
[RequiresRole(UserRole.Admin)]
public sealed record RotateWebhookSecretCommand(Guid WebhookId, bool KeepPrevious = true, uint? ExpectedVersion = null) : IRequest<WebhookWithSecretDto>;

public sealed class RotateWebhookSecretCommandHandler(IWebhookSubscriptionRepository subscriptions, IUnitOfWork unitOfWork, TimeProvider clock, IMapper mapper)
    : IRequestHandler<RotateWebhookSecretCommand, WebhookWithSecretDto>
{
    public async Task<WebhookWithSecretDto> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await subscriptions.GetAsync(request.WebhookId, request.ExpectedVersion, cancellationToken);
        subscription.RotateSecret(WebhookSecret.Generate(), request.KeepPrevious, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<WebhookWithSecretDto>(subscription);
    }
}
