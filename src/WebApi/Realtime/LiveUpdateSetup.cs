using Microsoft.AspNetCore.Authentication.JwtBearer;
using TaskOrchestration.Application.Common.Realtime;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>The hub's registrations: SignalR with the API's JSON, the fan-out, the registry of connections, and the access token of WebSocket connections.</summary>
internal static class LiveUpdateSetup
{
    public static IServiceCollection AddLiveUpdateHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => WebApiSetup.ConfigureJson(options.PayloadSerializerOptions));
        services.AddSingleton<HubConnectionRegistry>();
        services.AddSingleton<IRealtimeFanOut, HubFanOut>();
        // Browsers cannot put headers on a WebSocket: for that transport alone the token may come as ?access_token=.
        // Everywhere else (the negotiation, long polling, the API) only the Authorization header counts, so tokens do
        // not end up in URLs and logs where they need not.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.Events.OnMessageReceived = context =>
            {
                if (context.HttpContext.WebSockets.IsWebSocketRequest
                    && context.Request.Path.StartsWithSegments(TasksHub.Path, StringComparison.Ordinal)
                    && context.Request.Query.TryGetValue("access_token", out var token))
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Maps the hub so that a connection ends when its access token expires: otherwise it would go on receiving for as
    /// long as the socket stays open, whatever happened to the account since (the client reconnects with a fresh token).
    /// </summary>
    public static void MapLiveUpdateHub(this IEndpointRouteBuilder app) =>
        app.MapHub<TasksHub>(TasksHub.Path, options => options.CloseOnAuthenticationExpiration = true);
}
