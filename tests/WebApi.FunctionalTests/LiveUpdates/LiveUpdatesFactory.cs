using Microsoft.AspNetCore.Hosting;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.LiveUpdates;

/// <summary>
/// The API with its worker role (the outbox dispatcher feeds the backplane) on real Kestrel, so that SignalR clients
/// connect over real HTTP and WebSockets; the dispatcher looks for events every 50 ms.
/// </summary>
public sealed class LiveUpdatesFactory : ApiFactory
{
    public LiveUpdatesFactory() => UseKestrel(0);

    protected override string DatabaseName => "taskorch_live";

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Role", "both");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.050");
    }
}

[CollectionDefinition(Name)]
public sealed class LiveUpdatesTestGroup : ICollectionFixture<LiveUpdatesFactory>
{
    public const string Name = "live updates";
}
