using TaskOrchestration.Clients.LiveTests.Scenarios;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>
/// Every operation of clients/openapi.json, called through the C# client (registered with AddTaskOrchestrationClient)
/// against the real API: each at least once without its optional arguments and once with every one of them (as the
/// requests it sent show), its typed result or typed problem checked by its scenario. An operation added to the API
/// without a scenario here fails its own case.
/// </summary>
public sealed class EveryOperationTests(LiveApi live) : IClassFixture<LiveApi>, IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, Func<World, Task>> Scenarios = new[]
    {
        AccountScenarios.All, TaskScenarios.All, CollaborationScenarios.All, OperatingScenarios.All,
    }.SelectMany(group => group).ToDictionary(StringComparer.Ordinal);

    private readonly World _world = new(live);

    public static TheoryData<string> OperationIds => [.. DocumentedOperation.ReadAll().Select(operation => operation.Id).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(OperationIds))]
    public async Task EveryOperation_IsCalledLive_WithAndWithoutItsOptionalArguments(string operationId)
    {
        Assert.True(Scenarios.TryGetValue(operationId, out var scenario), $"{operationId} has no live scenario: add one to tests/Clients.LiveTests/Scenarios.");
        var operation = live.Recorder.Operations.Single(candidate => candidate.Id == operationId);
        var before = live.Recorder.Calls.Count;

        await scenario(_world);

        var calls = live.Recorder.Calls.Skip(before).Where(call => call.OperationId == operationId).ToList();
        Assert.True(calls.Count > 0, $"The scenario never called {operationId}.");
        if (operation.Optional.Count > 0)
        {
            Assert.True(calls.Exists(call => call.OptionalSent.Count == 0), $"{operationId} was never called without its optional arguments.");
            Assert.Empty(operation.Optional.Except(calls.SelectMany(call => call.OptionalSent)));
        }
    }

    [Fact]
    public void EveryScenario_IsForAnOperationOfTheDocument() =>
        Assert.Empty(Scenarios.Keys.Except(live.Recorder.Operations.Select(operation => operation.Id)));

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
