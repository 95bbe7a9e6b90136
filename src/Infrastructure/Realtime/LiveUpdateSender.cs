using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// Puts messages on the backplane with NOTIFY, in the context's current transaction: PostgreSQL delivers them, in
/// this order, when it commits (and never if it rolls back).
/// </summary>
internal static class LiveUpdateSender
{
    public static Task SendAsync(ApplicationDbContext db, string[] payloads, CancellationToken cancellationToken)
    {
        var batch = new StatementBatch();
        Add(batch, payloads);
        return batch.ExecuteAsync(db, cancellationToken);
    }

    /// <summary>Adds the NOTIFYs to <paramref name="batch"/> (nothing when there are no payloads).</summary>
    public static void Add(StatementBatch batch, string[] payloads)
    {
        if (payloads.Length > 0)
        {
            batch.Add($"SELECT pg_notify({LiveUpdateMessage.Channel}, payload) FROM unnest({payloads}) WITH ORDINALITY AS sent(payload, position) ORDER BY position");
        }
    }
}
