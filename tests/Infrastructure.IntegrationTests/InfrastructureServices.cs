using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The Infrastructure registrations as a host builds them, with the settings a test gives.</summary>
internal static class InfrastructureServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, string environment = "Testing", Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment })
            .AddSingleton(TimeProvider.System);
        services.AddInfrastructure(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
