using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Infrastructure.Email;
using TaskOrchestration.Infrastructure.Idempotency;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Health;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Repositories;
using TaskOrchestration.Infrastructure.Webhooks;
using TaskOrchestration.Infrastructure.Scheduling;

using TaskOrchestration.Infrastructure.Hosting;

namespace TaskOrchestration.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Default";
    public const string ReadinessTag = "ready";

    /// <summary>Registers the PostgreSQL persistence, the identity services and JWT bearer authentication.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Pooled: a request reuses a context and its EF services instead of building both (a fifth of a task read's
        // CPU before, docs/performance.md). The options are read when the first context is built, not now, so
        // configuration added after registration (tests, hosts) counts.
        services.AddDbContextPool<ApplicationDbContext>((provider, options) => ConfigureDbContext(
            options,
            provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)));
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<ITaskRepository, TaskRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IRefreshTokenRepository, RefreshTokenRepository>();
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<ICommentRepository, CommentRepository>();
        services.AddScoped<IWebhookSubscriptionRepository, WebhookSubscriptionRepository>();
        services.AddScoped<IWebhookDeliveryRepository, WebhookDeliveryRepository>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddSingleton<IDatabaseFailureClassifier, DatabaseFailureClassifier>();
        services.AddScoped<INotificationRepository, NotificationRepository>();
        services.AddScoped<INotificationPreferenceRepository, NotificationPreferenceRepository>();
        services.AddScoped<INotificationAudience, NotificationAudience>();
        services.AddScoped<IDailySummaryReader, DailySummaryReader>();
        services.AddScoped<DatabaseMigrator>();

        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName));
        services.AddSingleton(provider => SigningKeys.Load(
            provider.GetRequiredService<IOptions<JwtOptions>>().Value,
            provider.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        services.AddSingleton(provider => provider.GetRequiredService<IConfiguration>().GetSection(SessionOptions.SectionName).Get<SessionOptions>() ?? new SessionOptions());
        services.AddSingleton(provider => provider.GetRequiredService<SessionOptions>().ToSettings());
        services.AddSingleton(provider => new AccessStateCache(
            TimeSpan.FromSeconds(provider.GetRequiredService<SessionOptions>().AccessStateCacheSeconds),
            provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<IAccessStateReader, AccessStateReader>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, SigningKeys>((bearer, jwt, signingKeys) =>
            {
                // Keep claim names as issued ("sub", "role") instead of the legacy SOAP-era URIs.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKeys = signingKeys.All,
                    // A token must name its key (kid) and the key must be one of ours: nothing is tried against every key.
                    TryAllIssuerSigningKeys = false,
                    ValidAlgorithms = [SigningKeys.Algorithm],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = TokenClaims.Name,
                    RoleClaimType = TokenClaims.Role,
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = CurrentAccessTokenCheck.OnTokenValidated };
            });

        // Every role announces the work its commits give the worker role's queues; the worker role's services hear it.
        services.AddDatabaseChannelSubscriber<QueueWake>();
        services.AddHostedService(provider => provider.GetRequiredService<QueueWake>());
        services.AddTaskEngine(configuration);
        services.AddOutbox(configuration);
        services.AddEventConsumer<Realtime.LiveUpdateConsumer>();
        services.AddScoped<Application.Common.Realtime.ILiveNotifications, Realtime.LiveNotifications>();
        services.AddEmail(configuration);
        services.AddWebhooks(configuration);
        services.AddScheduling(configuration);
        services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadinessTag]);
        return services;
    }

    /// <summary>
    /// The one database configuration, shared by the host, design-time tooling and tests. No retrying execution
    /// strategy: a failed request is run again whole, when that is safe, by the Application (ADR 0023), and the
    /// background services have their own recovery.
    /// </summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string? connectionString) =>
        options
            .UseNpgsql(PooledConnectionReset.Skip(PreparedStatements.Enable(connectionString)), npgsql => npgsql.MigrationsHistoryTable(DatabaseMigrator.HistoryTable))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(LostTransactionGuard.Instance, CommitRecorder.Instance);
}
