using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Commands.RefreshSession;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Application.Users.Commands.SignOut;
using TaskOrchestration.Application.Users.Commands.SignOutEverywhere;
using TaskOrchestration.WebApi.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/auth: sign-up, sign-in, refresh (anonymous, rate-limited) and sign-out.</summary>
internal static class AuthEndpoints
{
    public const string BasePath = "/api/v1/auth";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup(BasePath).WithTags("Auth").AllowAnonymous().RequireRateLimiting(AuthRateLimiting.PolicyName);

        anonymous.MapPost("/register", Register).WithName("RegisterUser")
            .WithSummary("Create an account with the member role.")
            .ProducesProblems(Status400BadRequest, Status429TooManyRequests);
        anonymous.MapPost("/token", IssueToken).WithName("IssueToken")
            .WithSummary("Sign in: email and password for an access token and a refresh token.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status429TooManyRequests);
        anonymous.MapPost("/refresh", Refresh).WithName("RefreshToken")
            .WithSummary("Trade a refresh token for new tokens. A refresh token works once; reusing one ends its session.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status429TooManyRequests);

        var signedIn = app.MapGroup(BasePath).WithTags("Auth").RequireAuthorization();
        signedIn.MapPost("/logout", SignOut).WithName("Logout")
            .WithSummary("End the current session: its refresh tokens stop working.")
            .ProducesProblems(Status401Unauthorized);
        signedIn.MapPost("/logout-all", SignOutEverywhere).WithName("LogoutAll")
            .WithSummary("End every session of the signed-in user.")
            .ProducesProblems(Status401Unauthorized);
    }

    private static async Task<Created<UserDto>> Register(RegisterUserCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created(UserEndpoints.CurrentUserPath, await mediator.Send(command, cancellationToken));

    private static async Task<Ok<AccessTokenDto>> IssueToken(IssueTokenCommand command, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
        NotCached(response, await mediator.Send(command, cancellationToken));

    private static async Task<Ok<AccessTokenDto>> Refresh(RefreshSessionCommand command, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
        NotCached(response, await mediator.Send(command, cancellationToken));

    private static async Task<NoContent> SignOut(IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new SignOutCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutEverywhere(IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new SignOutEverywhereCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>RFC 6749 §5.1: answers that carry tokens must not be cached.</summary>
    private static Ok<AccessTokenDto> NotCached(HttpResponse response, AccessTokenDto tokens)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(tokens);
    }
}
