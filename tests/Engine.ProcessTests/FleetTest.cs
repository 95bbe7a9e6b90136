namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>A test on the fleet's database, emptied first; every worker process it starts is killed at the end.</summary>
[Collection(FleetGroup.Name)]
public abstract class FleetTest(FleetFixture fleet) : IAsyncLifetime
{
    protected FleetFixture Fleet { get; } = fleet;

    protected List<WorkerProcess> Workers { get; } = [];

    public Task InitializeAsync() => Fleet.Database.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }
    }

    /// <summary>Waits up to a minute for <paramref name="condition"/>, failing with <paramref name="what"/> when it does not come.</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Starts worker processes named <paramref name="prefix"/>-1, -2, … at once.</summary>
    protected async Task<WorkerProcess[]> StartWorkersAsync(string prefix, int count, TimeSpan demoDelay, IReadOnlyDictionary<string, string>? settings = null)
    {
        var starting = Enumerable.Range(1, count).Select(n => Fleet.StartWorkerAsync($"{prefix}-{n}", demoDelay, settings)).ToList();
        try
        {
            return await Task.WhenAll(starting);
        }
        finally
        {
            // Those that did start are stopped with the test even when another failed to.
            Workers.AddRange(starting.Where(worker => worker.IsCompletedSuccessfully).Select(worker => worker.Result));
        }
    }
}
