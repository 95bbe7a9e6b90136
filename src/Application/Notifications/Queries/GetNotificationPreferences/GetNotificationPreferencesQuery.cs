using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Notifications.Queries.GetNotificationPreferences;

/// <summary>How the signed-in user is told of each notification type: their choices, and the defaults for the rest.</summary>
public sealed record GetNotificationPreferencesQuery : IRequest<NotificationPreferencesDto>;

public sealed class GetNotificationPreferencesQueryHandler(INotificationPreferenceRepository preferences, ICurrentUser currentUser)
    : IRequestHandler<GetNotificationPreferencesQuery, NotificationPreferencesDto>
{
    public async Task<NotificationPreferencesDto> Handle(GetNotificationPreferencesQuery request, CancellationToken cancellationToken)
    {
        var chosen = await preferences.ForUserAsync(currentUser.RequireActor().UserId, cancellationToken);
        return NotificationPreferencesDto.From(chosen.ToDictionary(preference => preference.Type, preference => preference.Channels));
    }
}
