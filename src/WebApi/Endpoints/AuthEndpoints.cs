using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/auth: the only endpoints, with health and docs, that an anonymous caller may use.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();

        auth.MapPost("/register", Register).WithName("RegisterUser")
            .WithSummary("Create an account with the member role.")
            .ProducesProblems(Status400BadRequest, Status409Conflict);
        auth.MapPost("/token", IssueToken).WithName("IssueToken")
            .WithSummary("Exchange email and password for a bearer token.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);
    }

    private static async Task<Created<UserDto>> Register(RegisterUserCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created(UserEndpoints.CurrentUserPath, await mediator.Send(command, cancellationToken));

    private static async Task<Ok<AccessTokenDto>> IssueToken(IssueTokenCommand command, IMediator mediator, HttpResponse response, CancellationToken cancellationToken)
    {
        var token = await mediator.Send(command, cancellationToken);
        // RFC 6749 §5.1: responses carrying tokens must not be cached.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(token);
    }
}
