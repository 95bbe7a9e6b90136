using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TaskOrchestration.Infrastructure;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>Liveness (/health: the process answers) and readiness (/ready: the database answers and is migrated).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(DependencyInjection.ReadinessTag) })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
