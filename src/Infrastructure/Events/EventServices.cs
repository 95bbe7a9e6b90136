using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>The transactional outbox's registrations: its settings, its store and administration, the dispatcher.</summary>
public static class EventServices
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .Validate(outbox => outbox.BatchSize > 0 && outbox.MaxAttempts > 0, "Outbox:BatchSize and Outbox:MaxAttempts must be positive.")
            .Validate(outbox => outbox.PollInterval > TimeSpan.Zero, "Outbox:PollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<IOutboxAdministration, OutboxAdministration>();
        return services;
    }
}
