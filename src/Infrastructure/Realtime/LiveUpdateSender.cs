using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// Puts messages on the backplane with NOTIFY, in the context's current transaction: PostgreSQL delivers them, in
/// this order, when it commits (and never if it rolls back).
/// </summary>
internal static class LiveUpdateSender
{
    public static async Task SendAsync(ApplicationDbContext db, string[] payloads, CancellationToken cancellationToken)
    {
        if (payloads.Length > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_notify({LiveUpdateMessage.Channel}, payload) FROM unnest({payloads}) WITH ORDINALITY AS sent(payload, position) ORDER BY position",
                cancellationToken);
        }
    }
}
