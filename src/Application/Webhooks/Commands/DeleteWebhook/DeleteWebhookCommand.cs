using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Webhooks.Commands.DeleteWebhook;

/// <summary>Deletes a webhook and its deliveries (admins); nothing more is sent to it, not even what was pending.</summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
[RequiresRole(UserRole.Admin)]
public sealed record DeleteWebhookCommand(Guid WebhookId, uint? ExpectedVersion = null) : IRequest<Unit>;

public sealed class DeleteWebhookCommandHandler(IWebhookSubscriptionRepository subscriptions, IUnitOfWork unitOfWork) : IRequestHandler<DeleteWebhookCommand, Unit>
{
    public async Task<Unit> Handle(DeleteWebhookCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subscription = await subscriptions.GetAsync(request.WebhookId, request.ExpectedVersion, cancellationToken);
        subscriptions.Remove(subscription);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
