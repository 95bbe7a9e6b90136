using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// Tells every API instance, through the backplane, whose access changed, in the transaction of the change: the
/// NOTIFY goes out when the change is committed (so a connection opened after it reads the new teams and role), and
/// never if it rolls back. Each instance then ends those users' live connections (ADR 0018).
/// </summary>
internal static class LiveAccessChanges
{
    public static Task SendAsync(ApplicationDbContext db, IEnumerable<UserAccessChanged> changes, CancellationToken cancellationToken)
    {
        string[] payloads = [.. changes.Select(change => change.UserId).Distinct()
            .Select(userId => JsonSerializer.Serialize(LiveUpdateMessage.ForAccessChange(userId), EventJson.Options))];
        return LiveUpdateSender.SendAsync(db, payloads, cancellationToken);
    }
}
