using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Notifications;

namespace TaskOrchestration.Application.Common.Realtime;

/// <summary>
/// Hands a published event to the people connected to this process for live updates (the API's hub), once the
/// backplane brought it here. Only those who may see the task receive it.
/// </summary>
public interface IRealtimeFanOut
{
    /// <param name="teamId">The task's team when the event was published (null: a task everyone may see).</param>
    /// <param name="envelope">The event, as docs/events.md describes it.</param>
    /// <param name="cancellationToken">Stops the sending.</param>
    Task PublishTaskEventAsync(Guid? teamId, EventEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>Hands a new notification to its recipient's connections.</summary>
    /// <param name="recipientId">Who it is for.</param>
    /// <param name="notification">What their inbox shows.</param>
    /// <param name="cancellationToken">Stops the sending.</param>
    Task PublishNotificationAsync(Guid recipientId, NotificationDto notification, CancellationToken cancellationToken);

    /// <summary>
    /// What the user may see changed (a team joined or left, another role, deactivation): their connections stop
    /// receiving on the old terms. Those who may still connect come back on the new ones.
    /// </summary>
    /// <param name="userId">Whose access changed.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    Task AccessChangedAsync(Guid userId, CancellationToken cancellationToken);
}
