using Microsoft.AspNetCore.SignalR;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Realtime;
using TaskOrchestration.Application.Notifications;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>Sends what the backplane brings to the groups of <see cref="TasksHub"/> that may see it.</summary>
internal sealed class HubFanOut(IHubContext<TasksHub> hub, HubConnectionRegistry connections) : IRealtimeFanOut
{
    public Task PublishTaskEventAsync(Guid? teamId, EventEnvelope envelope, CancellationToken cancellationToken) =>
        hub.Clients.Groups(LiveUpdateGroups.For(teamId)).SendAsync(TasksHub.TaskEventMethod, envelope, cancellationToken);

    public Task PublishNotificationAsync(Guid recipientId, NotificationDto notification, CancellationToken cancellationToken) =>
        hub.Clients.Group(LiveUpdateGroups.User(recipientId)).SendAsync(TasksHub.NotificationMethod, notification, cancellationToken);

    /// <summary>
    /// Closes the user's connections rather than changing their groups: the clients reconnect on their own and join the
    /// groups of what the user may see now, and a deactivated user's reconnection is refused.
    /// </summary>
    public Task AccessChangedAsync(Guid userId, CancellationToken cancellationToken)
    {
        connections.CloseAll(userId);
        return Task.CompletedTask;
    }
}
