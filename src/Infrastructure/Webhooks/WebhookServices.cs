using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Http;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>Outgoing webhooks' registrations: settings, the destination policy, the guarded HTTP client and the sender.</summary>
public static class WebhookServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(webhooks => webhooks.MaxAttempts > 0 && webhooks.BatchSize > 0, "Webhooks:MaxAttempts and Webhooks:BatchSize must be positive.")
            .Validate(webhooks => webhooks.Timeout > TimeSpan.Zero && webhooks.PollInterval > TimeSpan.Zero, "Webhooks:Timeout and Webhooks:PollInterval must be positive.")
            .Validate(webhooks => webhooks.RetryBaseDelay > TimeSpan.Zero && webhooks.RetryMaxDelay >= webhooks.RetryBaseDelay, "Webhooks:RetryBaseDelay must be positive and at most Webhooks:RetryMaxDelay.")
            .ValidateOnStart();
        services.AddScoped<IWebhookDestinationPolicy, WebhookDestinationPolicy>();
        services.AddSingleton<WebhookConnector>();
        services.AddOutboundPostClient(WebhookSender.HttpClientName, "TaskOrchestration-Webhooks/1", (provider, handler) =>
        {
            // Every connection goes through the connector, which refuses internal addresses; a proxy would make it
            // check the proxy instead of the receiver.
            handler.ConnectCallback = provider.GetRequiredService<WebhookConnector>().ConnectAsync;
            handler.UseProxy = false;
        });
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
