using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>The benchmark's tasks in the database: submitted in bulk, counted, timed, cleared.</summary>
internal sealed class Queue(NpgsqlDataSource database)
{
    public const string Kind = "system.noop";

    /// <summary>Pending system.noop tasks by the submitter, in bulk.</summary>
    public async Task SubmitAsync(int count)
    {
        // In slices, so that one statement does not hold a million rows' worth of index work in one transaction.
        const int Slice = 50_000;
        for (var offset = 0; offset < count; offset += Slice)
        {
            await ExecuteAsync(
                $"""
                WITH submitted AS (
                    INSERT INTO tasks (id, title, priority, status, created_by, created_at, updated_at, attempt_count, tags, kind, max_attempts)
                    SELECT gen_random_uuid(), 'noop #' || n, 1, 'pending', '00000000-0000-0000-0000-00000000b001',
                           now() + n * interval '1 microsecond', now(), 1, ARRAY[]::varchar(40)[], '{Kind}', 3
                    FROM generate_series({offset + 1}, {Math.Min(count, offset + Slice)}) AS n
                    RETURNING id, kind, priority, created_at, created_by)
                INSERT INTO work_items (id, kind, priority, created_at, created_by) SELECT * FROM submitted
                """);
        }

        await ExecuteAsync("ANALYZE tasks, work_items");
    }

    public async Task<long> CountAsync(string status) =>
        (long)(await ScalarAsync($"SELECT count(*) FROM tasks WHERE kind = '{Kind}' AND status = '{status}'"))!;

    /// <summary>
    /// Every row of the last measurement gone and vacuumed, so each one starts from the same tables; the submitter
    /// (who also pauses the kind) exists.
    /// </summary>
    public async Task ClearAsync()
    {
        await ExecuteAsync(
            """
            INSERT INTO users (id, email, display_name, role, password_hash, created_at, failed_sign_in_count)
            VALUES ('00000000-0000-0000-0000-00000000b001', 'engine-bench@bench.local', 'Engine bench', 'member', 'not-a-hash', now(), 0)
            ON CONFLICT DO NOTHING
            """);
        await ExecuteAsync($"DELETE FROM task_history WHERE task_id IN (SELECT id FROM tasks WHERE kind = '{Kind}')");
        await ExecuteAsync($"DELETE FROM tasks WHERE kind = '{Kind}'");
        await ExecuteAsync("DELETE FROM outbox_messages");
        await ExecuteAsync("DELETE FROM workers");
        await ExecuteAsync("VACUUM ANALYZE tasks");
        await ExecuteAsync("VACUUM ANALYZE work_items");
        await ExecuteAsync("VACUUM ANALYZE task_history");
        await ExecuteAsync("VACUUM ANALYZE outbox_messages");
    }

    public Task PauseAsync() => ExecuteAsync(
        $"INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ('{Kind}', '00000000-0000-0000-0000-00000000b001', now()) ON CONFLICT DO NOTHING");

    /// <summary>Resumes the kind; answers the database's time of the resume.</summary>
    public async Task<DateTimeOffset> ResumeAsync() =>
        new((DateTime)(await ScalarAsync($"WITH resumed AS (DELETE FROM paused_kinds WHERE kind = '{Kind}') SELECT clock_timestamp()"))!);

    /// <summary>When the last of the benchmark's tasks was completed.</summary>
    public async Task<DateTimeOffset> LastCompletionAsync() =>
        new((DateTime)(await ScalarAsync($"SELECT max(updated_at) FROM tasks WHERE kind = '{Kind}' AND status = 'done'"))!);

    /// <summary>The task's status (null when there is no such task).</summary>
    public async Task<string?> StatusAsync(Guid id)
    {
        await using var command = database.CreateCommand("SELECT status FROM tasks WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>Per task: when it was submitted, claimed (its first take) and done, as the rows record them.</summary>
    public async Task<IReadOnlyList<(DateTime Submitted, DateTime Taken, DateTime Done)>> StartTimesAsync(IReadOnlyList<Guid> ids)
    {
        await using var command = database.CreateCommand(
            """
            SELECT t.created_at, (SELECT min(h.occurred_at) FROM task_history_entries h WHERE h.task_id = t.id AND h.trigger = 'take'), t.updated_at
            FROM tasks t WHERE t.id = ANY($1) AND t.status = 'done'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var rows = new List<(DateTime, DateTime, DateTime)>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetDateTime(0), reader.GetDateTime(1), reader.GetDateTime(2)));
        }

        return rows;
    }

    public async Task<long> LiveWorkersAsync() => (long)(await ScalarAsync("SELECT count(*) FROM workers WHERE stopped_at IS NULL"))!;

    private async Task ExecuteAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
