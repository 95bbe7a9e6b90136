using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// Our engine as bench/engine-throughput.sh runs it (WorkerFleet's throughput settings: a 100 ms idle poll, the outbox
/// dispatcher off), with claims (and outcome batches) as large as the shape's concurrency. Its jobs are pre-filled
/// with the kind paused and become claimable when it is resumed.
/// </summary>
internal sealed class EnginePeer(PeersOptions options, NpgsqlDataSource database) : IPeer
{
    private readonly Queue _queue = new(database);

    public string Name => "our engine";

    public string Settings =>
        "`Worker:Concurrency` = the shape's workers, `Worker:BatchSize` and `Worker:OutcomeBatchSize` the same, " +
        "`Worker:PollInterval` 100 ms, `Outbox:Dispatch=false` (as bench/engine-throughput.sh); " +
        "pre-filled with the kind paused, claimable from its resume";

    public Task PrepareAsync() => Task.CompletedTask;

    public async Task ClearAsync()
    {
        await _queue.ClearAsync();
        await _queue.PauseAsync();
    }

    public async Task<WorkerFleet> StartAsync(PeerShape shape)
    {
        var fleet = WorkerFleet.Start(options.ForEngine(), new EngineShape(shape.Processes, shape.Concurrency, shape.Concurrency));
        await PeersRun.WaitUntilAsync(async () => await _queue.LiveWorkersAsync() == shape.Processes, fleet, TimeSpan.FromSeconds(90), "our workers to register");
        return fleet;
    }

    public async Task<DateTimeOffset> FillAsync(int jobs)
    {
        await _queue.PauseAsync();
        await _queue.SubmitAsync(jobs);
        return await _queue.ResumeAsync();
    }

    public async Task<long?> CompletedAsync() => await _queue.CountAsync("done");

    public async Task<(bool Drained, DateTimeOffset At)> LookAsync()
    {
        // The work items: one per pending or running automated task (ADR 0031), not a count over every task.
        await using var command = database.CreateCommand(
            $"""
            SELECT NOT EXISTS (SELECT 1 FROM work_items WHERE kind = '{Queue.Kind}'), clock_timestamp()
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetFieldValue<DateTimeOffset>(1));
    }
}
