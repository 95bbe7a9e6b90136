using TaskOrchestration.Application.Common.Time;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Cleanup;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.DailySummary;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Jobs;

namespace TaskOrchestration.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator with every handler of this assembly, the pipeline behaviours (outermost first),
    /// the validators and the mapping profiles.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="autoMapperLicenseKey">AutoMapper's licence key, if the deployment has one (it logs a notice without).</param>
    public static IServiceCollection AddApplication(this IServiceCollection services, string? autoMapperLicenseKey = null)
    {
        var assembly = typeof(DependencyInjection).Assembly;

        // MediatR 5.1 (the version our mirror serves) has no AddMediatR: it resolves everything through ServiceFactory.
        services.AddScoped<ServiceFactory>(provider => provider.GetRequiredService);
        services.AddScoped<IMediator, Mediator>();
        RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
        RegisterClosedImplementations(services, assembly, typeof(INotificationHandler<>));

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        // Around the idempotency claim, so that a retry claims the key again in a transaction of its own.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransientFailureRetryBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehaviour<,>));

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton);
        services.AddAutoMapper(config => config.LicenseKey = autoMapperLicenseKey, assembly);
        services.AddScoped<TaskChanges>();
        services.AddScoped<TaskAccess>();
        services.TryAddSingleton<TaskKinds>();
        services.AddScoped<Queues.QueuePausing>();
        services.AddScoped<SessionTokens>();
        services.AddEventConsumer<Webhooks.WebhookDeliveryRecorder>();
        services.TryAddSingleton(SessionSettings.Default);
        services.AddSingleton<TimeProvider>(StoredPrecisionTimeProvider.System);
        services.AddEventConsumer<NotificationConsumer>();
        services.AddScheduledJob<DailySummaryJob>(DailySummaryJob.JobName);
        services.TryAddSingleton(new CleanupSettings());
        services.AddScheduledJob<OverdueDetectionJob>(OverdueDetectionJob.JobName);
        services.AddScheduledJob<CleanupJob>(CleanupJob.JobName);
        return services;
    }

    /// <summary>Registers a handler for one kind of automated task (see <see cref="ITaskHandler"/>), and the registry of kinds it joins; one per kind.</summary>
    public static IServiceCollection AddTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, ITaskHandler
    {
        services.TryAddSingleton<TaskKinds>();
        return services.AddSingleton<ITaskHandler, THandler>();
    }

    /// <summary>Registers a consumer the outbox dispatcher delivers every event to (see <see cref="IEventConsumer"/>); scoped, so it shares the delivery's unit of work.</summary>
    public static IServiceCollection AddEventConsumer<TConsumer>(this IServiceCollection services)
        where TConsumer : class, IEventConsumer => services.AddScoped<IEventConsumer, TConsumer>();

    /// <summary>
    /// Registers a job the scheduler runs on its schedule (see <see cref="IScheduledJob"/>) under its name (see
    /// <see cref="ScheduledJobName"/>); scoped, one scope per run.
    /// </summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name)
        where TJob : class, IScheduledJob =>
        services.AddSingleton(new ScheduledJobName(name)).AddKeyedScoped<IScheduledJob, TJob>(name);

    private static void RegisterClosedImplementations(IServiceCollection services, System.Reflection.Assembly assembly, Type openInterface)
    {
        var implementations = assembly.GetTypes()
            .Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(type => type.GetInterfaces()
                .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == openInterface)
                .Select(contract => (contract, type)));

        foreach (var (contract, type) in implementations)
        {
            services.AddTransient(contract, type);
        }
    }
}
