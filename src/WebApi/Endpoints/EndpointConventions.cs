using Microsoft.AspNetCore.Mvc;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>
/// The error answers an endpoint can give, declared once so the OpenAPI document lists them all. Every endpoint that
/// declares its problems can also answer 503 <c>database_unavailable</c> (with Retry-After) while the database is away
/// for a moment (ADR 0023), so that one is declared for all of them here.
/// </summary>
internal static class EndpointConventions
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes.Append(StatusCodes.Status503ServiceUnavailable).Distinct())
        {
            if (statusCode == StatusCodes.Status400BadRequest)
            {
                builder.Produces<HttpValidationProblemDetails>(statusCode, "application/problem+json");
            }
            else
            {
                builder.Produces<ProblemDetails>(statusCode, "application/problem+json");
            }
        }

        return builder;
    }
}
