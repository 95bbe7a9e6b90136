using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Cleanup;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// The scheduler's registrations, in every role (the API lists the schedules; the worker role also runs
/// <see cref="JobScheduler"/>, see <c>AddWorkerRole</c>), and the cleanup job's settings and store.
/// </summary>
public static class SchedulingServices
{
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Read when the options are first built, not now, so configuration added after registration (tests, hosts) counts.
        services.AddOptions<ScheduleOptions>()
            .Configure(options =>
            {
                foreach (var job in configuration.GetSection(ScheduleOptions.SectionName).GetChildren())
                {
                    options.Jobs[job.Key] = job.Get<JobScheduleOptions>() ?? new JobScheduleOptions();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.AddSingleton<ScheduleTable>();
        services.AddSingleton<ScheduleRunStore>();
        services.AddSingleton<JobScheduler>();
        services.AddScoped<IScheduleMonitor, ScheduleMonitor>();

        services.AddOptions<CleanupSettings>()
            .Bind(configuration.GetSection(CleanupSettings.SectionName))
            .Validate(
                cleanup => new[]
                {
                    cleanup.ArchivedTaskRetention, cleanup.ProcessedEventRetention, cleanup.NotificationRetention,
                    cleanup.EmailRetention, cleanup.WebhookDeliveryRetention, cleanup.ScheduleRunRetention,
                }.All(retention => retention > TimeSpan.Zero),
                "Every Cleanup:*Retention setting must be positive.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<CleanupSettings>>().Value);
        services.AddScoped<IRetentionStore, RetentionStore>();
        return services;
    }
}
