using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications.Commands.UpdateNotificationPreferences;

/// <summary>Changes how the signed-in user is told of the types given; the other types stay as they are.</summary>
/// <param name="Preferences">One entry per type to change, each type at most once.</param>
public sealed record UpdateNotificationPreferencesCommand(IReadOnlyList<NotificationPreferenceChange>? Preferences) : IRequest<NotificationPreferencesDto>;

/// <summary>How to be told of one notification type from now on.</summary>
/// <param name="Type">The notification type (every type but taskCreated, which notifies nobody).</param>
/// <param name="InApp">Whether it appears in the inbox.</param>
/// <param name="Email">Whether it is sent by email.</param>
public sealed record NotificationPreferenceChange(EventType? Type, bool? InApp, bool? Email);

public sealed class UpdateNotificationPreferencesCommandHandler(INotificationPreferenceRepository preferences, ICurrentUser currentUser, IUnitOfWork unitOfWork)
    : IRequestHandler<UpdateNotificationPreferencesCommand, NotificationPreferencesDto>
{
    public async Task<NotificationPreferencesDto> Handle(UpdateNotificationPreferencesCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = currentUser.RequireActor().UserId;
        var stored = (await preferences.ForUserAsync(userId, cancellationToken)).ToDictionary(preference => preference.Type);
        foreach (var change in request.Preferences ?? [])
        {
            // The validator made sure every field is there.
            var channels = new NotificationChannels(change.InApp!.Value, change.Email!.Value);
            if (stored.TryGetValue(change.Type!.Value, out var preference))
            {
                preference.Change(channels);
            }
            else
            {
                preference = NotificationPreference.Choose(userId, change.Type.Value, channels);
                preferences.Add(preference);
                stored.Add(preference.Type, preference);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return NotificationPreferencesDto.From(stored.ToDictionary(pair => pair.Key, pair => pair.Value.Channels));
    }
}
