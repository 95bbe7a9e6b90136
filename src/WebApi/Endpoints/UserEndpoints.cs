using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Queries.GetCurrentUser;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/users.</summary>
internal static class UserEndpoints
{
    public const string CurrentUserPath = "/api/v1/users/me";

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CurrentUserPath, GetCurrentUser).WithTags("Users").RequireAuthorization().WithName("GetCurrentUser")
            .WithSummary("The signed-in user's account.")
            .ProducesProblems(Status401Unauthorized);
    }

    private static async Task<Ok<UserDto>> GetCurrentUser(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCurrentUserQuery(), cancellationToken));
}
