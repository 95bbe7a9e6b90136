using AutoMapper;
using Microsoft.Extensions.DependencyInjection;

namespace TaskOrchestration.Application.UnitTests;

/// <summary>The real mapping profiles, registered as the application registers them.</summary>
internal static class TestMapper
{
    private static readonly Lazy<ServiceProvider> Services = new(() =>
        new ServiceCollection().AddLogging().AddApplication().BuildServiceProvider());

    public static IMapper Instance => Services.Value.GetRequiredService<IMapper>();

    public static IConfigurationProvider Configuration => Services.Value.GetRequiredService<IConfigurationProvider>();
}
