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

    /// <summary>
    /// Declares that <paramref name="statusCode"/> may also be answered as text in <paramref name="contentType"/>,
    /// beside the JSON the handler's result type declares (the API explorer keeps one type per status, so a second
    /// Produces would replace the JSON one).
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswersText(this RouteHandlerBuilder builder, int statusCode, string contentType) =>
        builder.WithMetadata(new TextAnswerMetadata(statusCode, contentType));
}

/// <summary>An answer as text, beside the JSON one (<see cref="EndpointConventions.AlsoAnswersText"/>).</summary>
internal sealed record TextAnswerMetadata(int StatusCode, string ContentType);
