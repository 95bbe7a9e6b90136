using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// Tells every API instance, through the backplane, whose access changed (teams, role, deactivation, an ended
/// session), in the transaction of the change: the NOTIFY goes out when the change is committed (so a connection
/// opened after it reads the new state), and never if it rolls back. Each instance then forgets the users' cached
/// access state and ends their live connections (ADR 0018).
/// </summary>
internal static class LiveAccessChanges
{
    public static Task SendAsync(ApplicationDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken) =>
        LiveUpdateSender.SendAsync(db, Payloads(userIds), cancellationToken);

    /// <summary>Adds the announcements to <paramref name="batch"/> (nothing when no user's access changed).</summary>
    public static void Add(StatementBatch batch, IEnumerable<Guid> userIds) => LiveUpdateSender.Add(batch, Payloads(userIds));

    private static string[] Payloads(IEnumerable<Guid> userIds) =>
        [.. userIds.Distinct().Select(userId => JsonSerializer.Serialize(LiveUpdateMessage.ForAccessChange(userId), EventJson.Options))];
}
