using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Notifications.Commands.MarkNotificationRead;

/// <summary>Marks one of the signed-in user's notifications read (again is fine: it keeps the first time).</summary>
/// <param name="NotificationId">The notification; someone else's does not exist for the caller (404).</param>
public sealed record MarkNotificationReadCommand(Guid NotificationId) : IRequest<Unit>;

public sealed class MarkNotificationReadCommandHandler(INotificationRepository notifications, ICurrentUser currentUser, IUnitOfWork unitOfWork, TimeProvider clock)
    : IRequestHandler<MarkNotificationReadCommand, Unit>
{
    public async Task<Unit> Handle(MarkNotificationReadCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notification = await notifications.FindAsync(request.NotificationId, currentUser.RequireActor().UserId, cancellationToken)
            ?? throw new NotFoundException("notification", request.NotificationId);
        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow());
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
