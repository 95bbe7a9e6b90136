using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Notifications.Commands.MarkAllNotificationsRead;

/// <summary>Marks every unread notification of the signed-in user read; answers how many.</summary>
public sealed record MarkAllNotificationsReadCommand : IRequest<MarkedNotificationsDto>;

public sealed class MarkAllNotificationsReadCommandHandler(INotificationRepository notifications, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<MarkAllNotificationsReadCommand, MarkedNotificationsDto>
{
    public async Task<MarkedNotificationsDto> Handle(MarkAllNotificationsReadCommand request, CancellationToken cancellationToken) =>
        new() { Marked = await notifications.MarkAllReadAsync(currentUser.RequireActor().UserId, clock.GetUtcNow(), cancellationToken) };
}
