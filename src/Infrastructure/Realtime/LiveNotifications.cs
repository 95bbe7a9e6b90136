using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Realtime;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>New notifications onto the backplane, in the transaction of the unit of work that added them.</summary>
internal sealed class LiveNotifications(ApplicationDbContext db) : ILiveNotifications
{
    public Task PublishAsync(IReadOnlyList<LiveNotification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        string[] payloads = [.. notifications.Select(live => JsonSerializer.Serialize(LiveUpdateMessage.ForNotification(live.RecipientId, live.Notification), EventJson.Options))];
        return LiveUpdateSender.SendAsync(db, payloads, cancellationToken);
    }
}
