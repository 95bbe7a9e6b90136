using Microsoft.AspNetCore.Mvc;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>The error answers an endpoint can give, declared once so the OpenAPI document lists them all.</summary>
internal static class EndpointConventions
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
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
