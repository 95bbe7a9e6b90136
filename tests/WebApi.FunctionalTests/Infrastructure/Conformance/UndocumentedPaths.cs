using Microsoft.AspNetCore.Http;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// The paths the API serves that clients/openapi.json rightly does not describe; answers to them are not checked.
/// Every other path is: an answer on a path the document lacks is a violation.
/// </summary>
public static class UndocumentedPaths
{
    private static readonly PathString[] Prefixes =
    [
        // The document itself, and the page that shows it.
        "/openapi",
        "/" + WebApiSetup.DocsPath,
        // Liveness and readiness, for orchestrators rather than API clients (HealthEndpoints).
        "/health",
        "/ready",
        // The SignalR hub (TasksHub): its negotiate, long-polling and WebSocket traffic is SignalR's protocol, not this API's.
        "/hubs",
        // The web app's files (WebAppFiles), for browsers.
        "/app",
        // The signing keys' JWKS and OpenID discovery document: standard formats for token verifiers (DiscoveryEndpoints).
        "/.well-known",
    ];

    public static bool Contains(PathString path) =>
        Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
