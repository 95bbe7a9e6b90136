using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Sends malformed, oversized and hostile values to every operation of the OpenAPI document the API serves, as an
/// admin, a member and anonymously, and fails on any 5xx, any 4xx that is not a problem with a code, and any request
/// the document calls wrong that is accepted. Seeded and deterministic: the seed and each failing request are in
/// the failure message (set TASKORCH_FUZZ_SEED to run another seed).
/// </summary>
public sealed class ApiFuzzTests(ApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    private const int DefaultSeed = 20_261_206;

    /// <summary>
    /// The random phase stops after this many requests or this long after the fuzzing started, whichever comes first;
    /// the core phase (every operation's baseline and catalogued mutations) always runs in full.
    /// </summary>
    private static readonly FuzzBudget Budget = new(TimeSpan.FromSeconds(50), RandomRequests: 3_000);

    /// <summary>
    /// Operations of the document that are not fuzzed, each with why. None today. Outside the document, and so outside
    /// this suite: the SignalR hub (/hubs/tasks, a WebSocket protocol, covered by LiveUpdatesTests), the web app's
    /// static files (/app), and liveness, readiness and the token discovery documents, which take no input.
    /// </summary>
    private static readonly Dictionary<string, string> NotFuzzed = new(StringComparer.Ordinal);

    [Fact]
    public async Task EveryDocumentedOperation_IsFuzzedOrExcludedWithAReason()
    {
        var operations = (await ReadDocumentAsync()).Operations;

        var keys = operations.Select(operation => operation.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(NotFuzzed.Keys, excluded => Assert.True(keys.Contains(excluded), $"{excluded} is excluded from fuzzing but no longer in the document."));
        var unfuzzable = operations.Where(operation => !NotFuzzed.ContainsKey(operation.Key)).Select(FuzzWorld.WhyNotFuzzable).OfType<string>().ToList();
        Assert.True(unfuzzable.Count == 0, string.Join("\n", unfuzzable));
    }

    [Fact]
    public async Task EveryOperation_AnswersHostileInput_WithoutServerErrors_AndWithProblemDetails()
    {
        var clock = Stopwatch.StartNew();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TASKORCH_FUZZ_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        var random = new Random(seed);
        var api = await ReadDocumentAsync();
        var operations = api.Operations.Where(operation => !NotFuzzed.ContainsKey(operation.Key)).ToList();
        using var world = await FuzzWorld.CreateAsync(Factory, role => SignUpAsync(role), random);
        var values = new SchemaValues(api);
        var report = new FuzzReport(seed);
        using var client = Anonymous();
        var runner = new OperationRunner(client, world, values, new MutationCatalogue(values, world.BadTokens), report, random);

        await runner.RunCoreAsync(operations);
        var coreTime = clock.Elapsed;
        await runner.RunRandomAsync(operations, Budget, clock);

        var callers = string.Join(", ", world.Callers.Select(caller => $"{caller.Name} (replaced {caller.Renewals}×)"));
        output.WriteLine($"{report.Summary(clock.Elapsed, world.FixtureRequests, callers)} The core phase took {coreTime.TotalSeconds:F1} s.");
        output.WriteLine("Requests per operation:\n" + report.PerOperation());
        output.WriteLine(report.Details());
        Assert.True(report.Failures.Count == 0, report.Summary(clock.Elapsed, world.FixtureRequests, callers) + "\n" + report.Details());
    }

    /// <summary>The document as the running API serves it (not the checked-in copy), so a new endpoint is fuzzed at once.</summary>
    private async Task<ApiDescription> ReadDocumentAsync()
    {
        using var client = Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return new ApiDescription(document.RootElement.Clone());
    }
}
