using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>Hearing PostgreSQL NOTIFY channels: the one way to register a subscriber, and with it the process's one listener.</summary>
internal static class DatabaseChannelServices
{
    /// <summary>
    /// Registers <typeparamref name="TSubscriber"/> as a singleton (resolvable by its own type) that hears its channel
    /// through <see cref="DatabaseListener"/>, which is registered once however many subscribers there are.
    /// </summary>
    public static IServiceCollection AddDatabaseChannelSubscriber<TSubscriber>(this IServiceCollection services)
        where TSubscriber : class, IDatabaseChannelSubscriber
    {
        services.TryAddSingleton<TSubscriber>();
        services.AddSingleton<IDatabaseChannelSubscriber>(provider => provider.GetRequiredService<TSubscriber>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DatabaseListener>());
        return services;
    }
}
