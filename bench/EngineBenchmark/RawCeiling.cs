using System.Diagnostics;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// PostgreSQL's own ceiling for this work: the engine's statements, issued directly over Npgsql with no host, no
/// EF Core and no handler. Per batch, one transaction claims (the same SKIP LOCKED select of work items, their lease
/// and the outbox events; no task row, no history row) and one completes (lock the items and their tasks, the tasks to
/// done, the history rows with when each attempt was taken, the items deleted, outbox events), as the engine's claim
/// and its batched outcome do (ADR 0031).
/// </summary>
internal sealed class RawCeiling(NpgsqlDataSource database)
{
    private const string EngineUser = "00000000-0000-0000-0000-0000000e0001";

    public async Task<double> MeasureAsync(int connections, int batch, long tasks)
    {
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, connections).Select(n => LoopAsync(batch, $"raw-{n}")).ToList();
        var done = (await Task.WhenAll(loops)).Sum();
        watch.Stop();
        if (done != tasks)
        {
            throw new InvalidOperationException($"The raw loop completed {done} tasks, not {tasks}.");
        }

        return done / watch.Elapsed.TotalSeconds;
    }

    private async Task<long> LoopAsync(int batch, string worker)
    {
        await using var connection = await database.OpenConnectionAsync();
        // Registered with a lease, as the engine's workers are; its heartbeat renews it, not its claims (a drain
        // takes less than a lease).
        await using (var register = new NpgsqlCommand(
            """
            INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
            VALUES (@worker, 'raw', 0, ARRAY[@kind], @batch, now(), now(), now() + interval '30 seconds')
            ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, lease_until = excluded.lease_until
            """,
            connection))
        {
            register.Parameters.AddWithValue("worker", worker);
            register.Parameters.AddWithValue("kind", Queue.Kind);
            register.Parameters.AddWithValue("batch", batch);
            await register.ExecuteNonQueryAsync();
        }

        long done = 0;
        while (true)
        {
            var ids = await ClaimAsync(connection, batch, worker);
            if (ids.Length == 0)
            {
                return done;
            }

            await CompleteAsync(connection, ids, worker);
            done += ids.Length;
        }
    }

    private static async Task<Guid[]> ClaimAsync(NpgsqlConnection connection, int batch, string worker)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var paused = new NpgsqlCommand("SELECT kind FROM paused_kinds", connection, transaction))
        {
            await paused.ExecuteScalarAsync();
        }

        await using var claim = new NpgsqlCommand(
            $"""
            SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY(ARRAY(
                SELECT id FROM work_items AS candidate
                WHERE leased_by IS NULL
                  AND kind = ANY(@kinds) AND NOT (id = ANY(@excluded))
                  AND (run_after IS NULL OR run_after <= now())
                ORDER BY priority DESC, created_at, id
                LIMIT @limit
                FOR UPDATE SKIP LOCKED))
            """,
            connection,
            transaction);
        claim.Parameters.AddWithValue("kinds", new[] { Queue.Kind });
        claim.Parameters.AddWithValue("excluded", Array.Empty<Guid>());
        claim.Parameters.AddWithValue("limit", batch);
        var ids = new List<Guid>(batch);
        await using (var reader = await claim.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        if (ids.Count > 0)
        {
            await using var start = new NpgsqlCommand(
                $"""
                UPDATE work_items SET leased_by = @worker, leased_at = now() WHERE id = ANY(@ids);
                """,
                connection,
                transaction);
            start.Parameters.AddWithValue("worker", worker);
            start.Parameters.AddWithValue("ids", ids.ToArray());
            await start.ExecuteNonQueryAsync();
            await InsertEventsAsync(connection, transaction, [.. ids], "taskTaken", "pending", "running", "take");
        }

        await transaction.CommitAsync();
        return [.. ids];
    }

    private static async Task CompleteAsync(NpgsqlConnection connection, Guid[] ids, string worker)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var complete = new NpgsqlCommand(
            $"""
            SELECT tasks.*, tasks.xmin FROM tasks WHERE id = ANY(ARRAY(
                SELECT id FROM work_items WHERE id = ANY(@ids) AND leased_by = @worker FOR UPDATE))
            FOR UPDATE;
            UPDATE tasks SET status = 'done', owner_id = '{EngineUser}', updated_at = now() WHERE id = ANY(@ids);
            INSERT INTO task_history (id, task_id, kind, "from", "to", trigger, actor_id, occurred_at, taken_at)
            SELECT gen_random_uuid(), v.id, 'transitioned', 'running', 'done', 'complete', '{EngineUser}', now(),
                   (SELECT item.leased_at FROM work_items AS item WHERE item.id = v.id)
            FROM unnest(@ids) AS v(id);
            DELETE FROM work_items WHERE id = ANY(@ids);
            """,
            connection,
            transaction);
        complete.Parameters.AddWithValue("ids", ids);
        complete.Parameters.AddWithValue("worker", worker);
        await complete.ExecuteNonQueryAsync();
        await InsertEventsAsync(connection, transaction, ids, "taskCompleted", "running", "done", "complete");
        await transaction.CommitAsync();
    }

    /// <summary>The transitions' events into the outbox, with the envelope as the engine writes it (OutboxWriter's statement).</summary>
    private static async Task InsertEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] taskIds, string type, string from, string to, string trigger)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = taskIds.Select(_ => Guid.CreateVersion7(now)).ToArray();
        var payloads = taskIds.Select((taskId, i) =>
            $$$"""{"id":"{{{ids[i]}}}","version":1,"type":"{{{type}}}","occurredAt":"{{{now:O}}}","taskId":"{{{taskId}}}","actor":{"id":"{{{EngineUser}}}","kind":"engine"},"data":{"from":"{{{from}}}","to":"{{{to}}}","trigger":"{{{trigger}}}","reason":null,"result":null}}""").ToArray();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO outbox_messages (id, type, task_id, occurred_at, payload, available_at, attempts)
            SELECT v.id, v.type, v.task_id, v.occurred_at, v.payload::jsonb, v.occurred_at, 0
            FROM unnest(@ids, @types, @taskIds, @occurredAt, @payloads) WITH ORDINALITY AS v(id, type, task_id, occurred_at, payload, position)
            ORDER BY v.position
            """,
            connection,
            transaction);
        insert.Parameters.AddWithValue("ids", ids);
        insert.Parameters.AddWithValue("types", taskIds.Select(_ => type).ToArray());
        insert.Parameters.AddWithValue("taskIds", taskIds);
        insert.Parameters.AddWithValue("occurredAt", taskIds.Select(_ => now).ToArray());
        insert.Parameters.AddWithValue("payloads", payloads);
        await insert.ExecuteNonQueryAsync();
    }
}
