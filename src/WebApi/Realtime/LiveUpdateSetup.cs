using Microsoft.AspNetCore.Authentication.JwtBearer;
using TaskOrchestration.Application.Common.Realtime;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>The hub's registrations: SignalR with the API's JSON, the fan-out, and the access token of WebSocket connections.</summary>
internal static class LiveUpdateSetup
{
    public static IServiceCollection AddLiveUpdateHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => WebApiSetup.ConfigureJson(options.PayloadSerializerOptions));
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

    public static void MapLiveUpdateHub(this IEndpointRouteBuilder app) => app.MapHub<TasksHub>(TasksHub.Path);
}
