using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TaskOrchestration.Client;

public static class TaskOrchestrationClientServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient without the token handler, which signs in and refreshes.</summary>
    public const string AnonymousClientName = "TaskOrchestration.Anonymous";

    /// <summary>
    /// Registers <see cref="ITaskOrchestrationClient"/> on <see cref="IHttpClientFactory"/> for the API at
    /// <paramref name="baseAddress"/>, each request sent through <see cref="AccessTokenHandler"/>. The tokens come from
    /// the <see cref="IAccessTokenProvider"/> registered before this call, or else from a <see cref="Session"/> (a
    /// singleton: one signed-in identity for the application; resolve it to sign in). Answers the client's builder,
    /// to add handlers or resilience.
    /// </summary>
    public static IHttpClientBuilder AddTaskOrchestrationClient(this IServiceCollection services, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);

        services.AddHttpClient(AnonymousClientName, client => client.BaseAddress = baseAddress);
        services.TryAddSingleton(provider =>
            new Session(new TaskOrchestrationClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(AnonymousClientName))));
        services.TryAddSingleton<IAccessTokenProvider>(provider => provider.GetRequiredService<Session>());
        services.TryAddTransient<AccessTokenHandler>();
        return services.AddHttpClient<ITaskOrchestrationClient, TaskOrchestrationClient>(client => client.BaseAddress = baseAddress)
            .AddHttpMessageHandler<AccessTokenHandler>();
    }
}
