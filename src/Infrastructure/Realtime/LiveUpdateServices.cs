using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Infrastructure.Hosting;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>The live-update backplane on PostgreSQL LISTEN/NOTIFY (ADR 0018).</summary>
public static class LiveUpdateServices
{
    /// <summary>The receiving end, for processes that serve the API (the hub); the sending end is an outbox consumer every role registers.</summary>
    public static IServiceCollection AddLiveUpdateListener(this IServiceCollection services) =>
        services
            .AddDatabaseChannelSubscriber<LiveUpdateListener>()
            .AddHostedService(provider => provider.GetRequiredService<LiveUpdateListener>());
}
