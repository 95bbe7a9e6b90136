namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// A worker's lease: one per worker process, on its <c>workers</c> row, holding every attempt it runs. Its claims and its
/// heartbeat renew it with one statement each, which writes the whole registration when the row is missing (deleted
/// by someone, or never written because the database was away at start), so that a live worker's tasks are never
/// left without a lease for the reaper to take. A renewal never shortens the lease: one that read its clock before
/// another but committed after it (a claim that waited for a pooled connection) would move the end back, before the
/// deadline the worker's fence counts on (<see cref="WorkerLeaseClock"/>).
/// </summary>
internal static class WorkerLease
{
    /// <summary>
    /// The claim's renewal, in EF Core's raw SQL format: {0} the worker's id, {1} host, {2} process id, {3} kinds, {4}
    /// concurrency, {5} now, {6} the lease's new end. It changes the lease alone, an unindexed column, so that the
    /// update is HOT (no index entry, and its old version pruned in place): claims come many times a second, and a
    /// non-HOT update of one row at that rate bloats its indexes with dead entries that every lookup of the row walks.
    /// </summary>
    public const string Renewal = Registration + " ON CONFLICT (id) DO UPDATE SET lease_until = GREATEST(workers.lease_until, excluded.lease_until)";

    /// <summary>
    /// The heartbeat's renewal (same parameters as <see cref="Renewal"/>): it also marks the worker seen
    /// (<c>last_seen_at</c>, indexed for the console's list), once per heartbeat interval.
    /// </summary>
    public const string RenewalMarkingSeen = Registration + " ON CONFLICT (id) DO UPDATE SET lease_until = GREATEST(workers.lease_until, excluded.lease_until), last_seen_at = excluded.last_seen_at";

    private const string Registration = """
        INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {5}, {6})
        """;

    /// <summary>The renewals' parameters, in their order.</summary>
    public static object[] RenewalParameters(WorkerIdentity worker, IReadOnlyCollection<string> kinds, int concurrency, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(kinds);
        return [worker.Id, worker.Host, worker.ProcessId, kinds.ToArray(), concurrency, now, leaseUntil];
    }
}
