using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary><c>Worker:Kinds</c>: which kinds a worker process claims, and a kind no handler serves refused at start.</summary>
public sealed class WorkerKindsTests
{
    [Fact]
    public void Unconfigured_AWorkerServesEveryAutomatedKind()
    {
        using var services = Build([]);

        Assert.Equal(["demo.title-parity", "http.webhook", "system.noop"], Worker(services).ServedKinds);
    }

    [Fact]
    public void Configured_AWorkerServesThoseKindsOnly_EachOnce()
    {
        using var services = Build(["system.noop", "http.webhook", "system.noop"]);

        Assert.Equal(["system.noop", "http.webhook"], Worker(services).ServedKinds);
    }

    [Theory]
    [InlineData("system.nope")]
    [InlineData("manual")]
    public async Task AKindNoHandlerServes_StopsTheWorkerFromStarting_Naming(string kind)
    {
        using var services = Build(["system.noop", kind]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Worker(services).StartAsync(CancellationToken.None));

        Assert.Contains($"'{kind}'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'system.noop'", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string[] kinds) => InfrastructureServices.Build(
        kinds.Select((kind, index) => KeyValuePair.Create($"Worker:Kinds:{index}", (string?)kind)).ToDictionary(),
        configure: services => services.AddSingleton<TaskKinds>().AddWorkerRole());

    private static WorkerService Worker(ServiceProvider services) =>
        services.GetServices<IHostedService>().OfType<WorkerService>().Single();
}
