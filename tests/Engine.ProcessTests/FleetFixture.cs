using System.Diagnostics;
using Npgsql;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// A database of its own and a signing key for the worker processes, plus the ways the tests submit work and read
/// its outcome. The tests share one collection: they start and kill processes and restart the server, one at a time.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const string Kind = "demo.title-parity";

    /// <summary>build/test.sh sets it to a script that restarts its throwaway cluster.</summary>
    public const string RestartVariable = "TASKORCH_TEST_RESTART_POSTGRES";

    private readonly DirectoryInfo _keysFolder = Directory.CreateTempSubdirectory("taskorch-process-keys-");
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public string KeysFolder => _keysFolder.FullName;

    public async Task InitializeAsync()
    {
        SigningKeys.CreateKeyFile(_keysFolder.FullName, "process-tests");
        _database = await TestDatabase.CreateAsync("taskorch_processes");
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _keysFolder.Delete(recursive: true);
    }

    /// <summary>
    /// Engine settings cut from seconds to tenths, so that leases expire and retries come within a test; each
    /// process runs up to 8 attempts at once; no scheduled job.
    /// </summary>
    public static Dictionary<string, string> FastEngine(TimeSpan demoDelay) => new(StringComparer.Ordinal)
    {
        ["Worker:Concurrency"] = "8",
        ["Worker:BatchSize"] = "8",
        ["Worker:PollInterval"] = "00:00:00.050",
        // Long enough that a process starting cold (JIT, first connections) on a busy machine keeps its first leases.
        ["Worker:LeaseDuration"] = "00:00:05",
        ["Worker:HeartbeatInterval"] = "00:00:01",
        ["Worker:ReaperInterval"] = "00:00:00.500",
        ["Worker:RetryBaseDelay"] = "00:00:00.050",
        ["Worker:RetryMaxDelay"] = "00:00:00.200",
        ["Worker:ShutdownGrace"] = "00:00:01",
        ["Worker:DemoDelay"] = demoDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        // The scheduled jobs stay off unless a test turns one on: their first runs (query compilation in every
        // process at once) would compete with the engine's first leases on a busy machine, and they are not what
        // the engine's tests count.
        ["Schedules:overdue-detection:Enabled"] = "false",
        ["Schedules:daily-summary:Enabled"] = "false",
        ["Schedules:cleanup:Enabled"] = "false",
    };

    /// <summary>Starts a worker process with the fast engine settings, and <paramref name="settings"/> over them.</summary>
    public Task<WorkerProcess> StartWorkerAsync(string name, TimeSpan demoDelay, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = FastEngine(demoDelay);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return WorkerProcess.StartAsync(name, Database.ConnectionString, KeysFolder, all);
    }

    /// <summary>
    /// Submits <paramref name="count"/> demo.title-parity tasks through the domain (as POST /tasks creates them),
    /// in batches. Task i is titled so that its length is odd, and so fails every attempt, when <paramref name="fails"/> says so.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SubmitAsync(int count, Func<int, bool> fails, int maxAttempts)
    {
        var creator = await AddUserAsync();
        var ids = new List<Guid>(count);
        const int Batch = 1_000;
        for (var offset = 0; offset < count; offset += Batch)
        {
            await using var db = Database.CreateDbContext();
            for (var i = offset; i < Math.Min(count, offset + Batch); i++)
            {
                // The parity handler succeeds on an even title length: "ok-0000001" has 10 characters, "bad-0000001" 11.
                var title = fails(i) ? $"bad-{i:D7}" : $"ok-{i:D7}";
                var task = TaskItem.Create(title, null, TaskPriority.Normal, null, asDraft: false, creator, DateTimeOffset.UtcNow, automation: new TaskAutomation(Kind, maxAttempts: maxAttempts));
                db.Tasks.Add(task);
                ids.Add(task.Id);
            }

            await db.SaveChangesAsync();
        }

        return ids;
    }

    /// <summary>Waits until no task is pending or running (every one ended), failing if a worker process died.</summary>
    public async Task WaitUntilAllEndedAsync(IReadOnlyCollection<WorkerProcess> workers, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        long open;
        while ((open = await ScalarAsync<long>("SELECT count(*) FROM tasks WHERE status IN ('pending', 'running')")) > 0)
        {
            if (workers.FirstOrDefault(worker => worker.HasExited) is { } dead)
            {
                Assert.Fail($"{dead.Name} exited: {dead.Output}");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"{open} tasks still pending or running after {timeout}: {string.Join(Environment.NewLine, workers.Select(worker => worker.Output))}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Restarts the PostgreSQL server (<c>pg_ctl restart -m fast</c>: every connection is cut, open transactions roll
    /// back) with the script named by <see cref="RestartVariable"/>, and waits until it accepts connections again.
    /// </summary>
    public static async Task RestartPostgresAsync()
    {
        AssertCanRestartPostgres();
        using var process = Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable(RestartVariable)!) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"Restarting PostgreSQL failed: {output}");
    }

    /// <summary>Fails at once, before any work is set up, when no restart script is given.</summary>
    public static void AssertCanRestartPostgres() =>
        Assert.False(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RestartVariable)), $"{RestartVariable} is not set: run the tests with build/test.sh.");

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every task's end: status, attempts used, whether dead, its title, its work item, and its terminal and take transitions.</summary>
    public async Task<IReadOnlyDictionary<Guid, TaskEnd>> ReadEndsAsync()
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT t.id, t.status, t.attempt_count, t.max_attempts, t.title, (SELECT coalesce(leased_by, 'unheld') FROM work_items WHERE work_items.id = t.id),
                   count(h.*) FILTER (WHERE h.trigger IN ('complete', 'fail')),
                   count(h.*) FILTER (WHERE h.trigger = 'take'),
                   count(h.*) FILTER (WHERE h.trigger = 'requeue')
            FROM tasks t LEFT JOIN task_history_entries h ON h.task_id = t.id
            GROUP BY t.id
            """,
            connection);
        var ends = new Dictionary<Guid, TaskEnd>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ends[reader.GetGuid(0)] = new TaskEnd(
                reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
        }

        return ends;
    }

    /// <summary>
    /// The attempts whose lease ran out and that the reaper requeued (a requeue with the reaper's reason, RunPolicy.LeaseExpiredReason): the
    /// attempt is the number of takes before it, which holds while no worker gives a task back unfinished (a
    /// shutdown's release, which does not count the attempt).
    /// </summary>
    public async Task<IReadOnlySet<(Guid TaskId, int Attempt)>> ReadReapedAttemptsAsync()
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT task_id, takes FROM (
                SELECT task_id, trigger, reason,
                       count(*) FILTER (WHERE trigger = 'take') OVER (PARTITION BY task_id ORDER BY occurred_at, id) AS takes
                FROM task_history_entries) h
            WHERE trigger = 'requeue' AND reason LIKE 'The lease expired%'
            """,
            connection);
        var reaped = new HashSet<(Guid, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reaped.Add((reader.GetGuid(0), (int)reader.GetInt64(1)));
        }

        return reaped;
    }

    private async Task<Actor> AddUserAsync()
    {
        await using var db = Database.CreateDbContext();
        var user = User.Register($"submitter-{Guid.NewGuid():N}@example.com", "Submitter", "not-a-real-hash", UserRole.Member, DateTimeOffset.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.AsActor();
    }
}

/// <param name="WorkItem">Who holds the task's work item ("unheld": nobody); null when it has none, as an ended task has none.</param>
/// <param name="TerminalTransitions">History entries that ended the task (complete or fail): exactly one when it ended once.</param>
/// <param name="Takes">History entries of the engine taking it: one per attempt.</param>
/// <param name="Requeues">History entries of an attempt that failed or whose lease expired sending it back to pending.</param>
public sealed record TaskEnd(string Status, int AttemptCount, int MaxAttempts, string Title, string? WorkItem, long TerminalTransitions, long Takes, long Requeues)
{
    public bool TitleIsEven => Title.Length % 2 == 0;
}

[CollectionDefinition(Name)]
public sealed class FleetGroup : ICollectionFixture<FleetFixture>
{
    public const string Name = "worker fleet";
}
