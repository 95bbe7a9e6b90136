using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.WebApi.Endpoints;
using TaskOrchestration.WebApi.Errors;
using TaskOrchestration.WebApi.Hosting;
using TaskOrchestration.WebApi.Http;
using TaskOrchestration.WebApi.Identity;
using TaskOrchestration.WebApi.OpenApi;
using TaskOrchestration.WebApi.Realtime;

namespace TaskOrchestration.WebApi;

/// <summary>The HTTP side of the composition root: services first, then the request pipeline.</summary>
public static class WebApiSetup
{
    public const string DocsPath = "api/docs";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        // Malformed bodies throw BadHttpRequestException in every environment, so they become problem details.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsConventions.Apply);
        ProblemJsonForEveryClient.Install(services);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Secure by default: an endpoint is anonymous only when it says so.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAuthRateLimiting(configuration);
        services.AddApiDocumentation();
        services.AddLiveUpdateHub();
        return services;
    }

    public static WebApplication UseWebApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOptionalParameterFailures();
        // Before authorization: the docs are public, and the fallback policy would otherwise guard them too.
        app.UseApiDocumentation(DocsPath);
        // Before authorization too: the app's files are public.
        app.UseWebApp();
        // Before authentication: only this middleware tells a WebSocket request (HttpContext.WebSockets) from others,
        // and a browser's WebSocket to the hub carries its token in the query string, which counts for WebSockets
        // alone (LiveUpdateSetup). SignalR's own copy runs after authentication, too late for that.
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthEndpoints();
        app.MapDiscoveryEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapPeopleEndpoints();
        app.MapLifecycleEndpoints();
        app.MapTaskEndpoints();
        app.MapTeamEndpoints();
        app.MapTagEndpoints();
        app.MapCommentEndpoints();
        app.MapEngineEndpoints();
        app.MapEventEndpoints();
        app.MapLiveUpdateHub();
        app.MapNotificationEndpoints();
        app.MapWebhookEndpoints();
        app.MapScheduleEndpoints();
        return app;
    }

    /// <summary>A worker-only process: liveness and readiness, nothing else.</summary>
    public static WebApplication UseHealthOnly(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        return app;
    }

    /// <summary>camelCase, enums as camelCase strings, numbers as numbers only, and no unknown or repeated fields.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // Strict keeps integers typed as integers in the OpenAPI document (not integer-or-string), so clients stay typed.
        options.NumberHandling = JsonNumberHandling.Strict;
        // A misspelt field is a 400, not a silently ignored change.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A name given twice is ambiguous (which one counts?), and jsonb would silently keep the last: a 400 instead, at
        // any depth (JsonElement values such as metadata honour it too).
        options.AllowDuplicateProperties = false;
    }
}
