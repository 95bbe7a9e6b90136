using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Engine.Handlers;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Http;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>The worker engine's registrations: what every host needs to accept automated tasks, and what runs them.</summary>
public static class EngineServices
{
    /// <summary>
    /// The built-in handlers and the engine's settings. Every role registers them: the API refuses a kind no
    /// handler serves, so it must know the handlers even where it does not run them.
    /// </summary>
    public static IServiceCollection AddTaskEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.SectionName))
            .Validate(worker => worker.Concurrency > 0 && worker.BatchSize > 0 && worker.OutcomeBatchSize > 0, "Worker:Concurrency, Worker:BatchSize and Worker:OutcomeBatchSize must be positive.")
            .Validate(worker => worker.HeartbeatInterval > TimeSpan.Zero && worker.HeartbeatInterval * 2 <= worker.LeaseDuration, "Worker:HeartbeatInterval must be positive and at most half of Worker:LeaseDuration.")
            .Validate(worker => worker.ReaperInterval > TimeSpan.Zero && worker.PollInterval > TimeSpan.Zero, "Worker:ReaperInterval and Worker:PollInterval must be positive.")
            .Validate(worker => worker.FinishedRetention >= TimeSpan.Zero, "Worker:FinishedRetention must not be negative (zero keeps ended tasks).")
            .Validate(worker => worker.WebhookAllowedUrls.All(WebhookAllowList.IsValidEntry), "Worker:WebhookAllowedUrls must hold absolute http(s) URLs without user info, query or fragment.")
            .Validate(worker => worker.WebhookTimeout > TimeSpan.Zero, "Worker:WebhookTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton(provider =>
        {
            var worker = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return new RunPolicy(worker.Backoff, worker.MaxRunningPerCreator, Random.Shared);
        });
        services.AddSingleton<TaskQueue>();
        services.AddSingleton<WorkerLeaseClock>();
        services.AddSingleton<WorkerLeaseRenewal>();
        services.AddSingleton<LeasedQueue>();
        services.AddScoped<IEngineMonitor, EngineMonitor>();
        services.AddSingleton<IEngineSettings, EngineSettings>();
        services.AddOutboundPostClient(WebhookHandler.HttpClientName, "TaskOrchestration-Engine/1");
        services.AddTaskHandler<NoopHandler>();
        services.AddTaskHandler<TitleParityHandler>();
        services.AddTaskHandler<WebhookHandler>();
        return services;
    }

    /// <summary>
    /// Runs this process as a worker: claiming and running tasks (woken by EngineWake's channel), reaping expired
    /// leases, dispatching the outbox, sending emails and webhooks, and running the scheduled jobs.
    /// </summary>
    public static IServiceCollection AddWorkerRole(this IServiceCollection services)
    {
        services.AddDatabaseChannelSubscriber<EngineWake>();
        services.AddSingleton<LeaseHeartbeat>();
        services.AddHostedService<WorkerService>();
        services.AddHostedService<LeaseReaper>();
        services.AddHostedService(provider => provider.GetRequiredService<Events.OutboxDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<Email.EmailOutboxSender>());
        services.AddHostedService(provider => provider.GetRequiredService<Webhooks.WebhookSender>());
        services.AddHostedService(provider => provider.GetRequiredService<Scheduling.JobScheduler>());
        // The host must wait for the grace period, and a little for giving back what is left, before it gives up; the
        // three batch services stop first (in reverse order of registration), each giving back what it holds.
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = worker.Value.ShutdownGrace + TimeSpan.FromSeconds(15) + (3 * BatchPollingService.ReleasePatience));
        return services;
    }
}
