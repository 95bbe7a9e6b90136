using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.WebApi.FunctionalTests.Engine;

/// <summary>
/// The API and the worker engine in one host (role both, as run.sh runs them), with the engine's intervals cut from
/// seconds to tenths so that retries, leases and cancellation can be watched in a test, and a controllable handler.
/// </summary>
public class EngineApiFactory : ApiFactory
{
    public BlockingHandler Blocking { get; } = new();

    protected override string DatabaseName => "taskorch_engine";

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Role", "both");
        builder.UseSetting("Worker:PollInterval", "00:00:00.100");
        builder.UseSetting("Worker:HeartbeatInterval", "00:00:00.200");
        // Long against the heartbeat on purpose: no test here waits for a lease to run out (the reaper has its own
        // tests), and a one-second lease expired under a loaded CI machine, putting a running task back to pending
        // in the middle of a test that counted it running.
        builder.UseSetting("Worker:LeaseDuration", "00:00:10");
        builder.UseSetting("Worker:ReaperInterval", "00:00:00.300");
        builder.UseSetting("Worker:RetryBaseDelay", "00:00:00.100");
        builder.UseSetting("Worker:RetryMaxDelay", "00:00:00.400");
        builder.UseSetting("Worker:DemoDelay", "00:00:00.050");
        builder.UseSetting("Worker:ShutdownGrace", "00:00:01");
        // This very instance, so the tests can watch it.
        builder.ConfigureTestServices(services => services.AddSingleton<ITaskHandler>(Blocking));
    }
}

[CollectionDefinition(Name)]
public sealed class EngineTestGroup : ICollectionFixture<EngineApiFactory>
{
    public const string Name = "engine";
}
