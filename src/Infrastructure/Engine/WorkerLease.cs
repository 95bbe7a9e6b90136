namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// A worker's lease: one per worker process, on its <c>workers</c> row, holding every attempt it runs. Its claims and its
/// heartbeat renew it with the same statement, which writes the whole registration when the row is missing (deleted
/// by someone, or never written because the database was away at start), so that a live worker's tasks are never
/// left without a lease for the reaper to take.
/// </summary>
internal static class WorkerLease
{
    /// <summary>
    /// The renewal, in EF Core's raw SQL format: {0} the worker's id, {1} host, {2} process id, {3} kinds, {4}
    /// concurrency, {5} now, {6} the lease's new end.
    /// </summary>
    public const string Renewal = """
        INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {5}, {6})
        ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, lease_until = excluded.lease_until
        """;

    /// <summary><see cref="Renewal"/>'s parameters, in its order.</summary>
    public static object[] RenewalParameters(WorkerIdentity worker, IReadOnlyCollection<string> kinds, int concurrency, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(kinds);
        return [worker.Id, worker.Host, worker.ProcessId, kinds.ToArray(), concurrency, now, leaseUntil];
    }
}
