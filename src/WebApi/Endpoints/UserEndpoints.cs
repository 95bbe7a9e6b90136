using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Commands.ChangePassword;
using TaskOrchestration.Application.Users.Commands.ChangeUserRole;
using TaskOrchestration.Application.Users.Commands.DeactivateUser;
using TaskOrchestration.Application.Users.Commands.ReactivateUser;
using TaskOrchestration.Application.Users.Commands.UpdateProfile;
using TaskOrchestration.Application.Users.Queries.GetCurrentUser;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.WebApi.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/users: the signed-in user's own account, and the admins' view of everyone.</summary>
internal static class UserEndpoints
{
    public const string BasePath = "/api/v1/users";
    public const string CurrentUserPath = BasePath + "/me";

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(BasePath).WithTags("Users").RequireAuthorization();

        users.MapGet("/me", GetCurrentUser).WithName("GetCurrentUser")
            .WithSummary("The signed-in user's account.")
            .ProducesProblems(Status401Unauthorized);
        users.MapPatch("/me", UpdateProfile).WithName("UpdateProfile")
            .WithSummary("Edit the signed-in user's profile.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);
        users.MapPost("/me/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password; every other session ends.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);

        users.MapGet("/", ListUsers).WithName("ListUsers")
            .WithSummary("List users (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden);
        users.MapPut("/{id:guid}/role", ChangeRole).WithName("ChangeUserRole")
            .WithSummary("Change a user's role (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict);
        users.MapPost("/{id:guid}/deactivate", Deactivate).WithName("DeactivateUser")
            .WithSummary("Deactivate a user: their tokens stop working at once (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict);
        users.MapPost("/{id:guid}/reactivate", Reactivate).WithName("ReactivateUser")
            .WithSummary("Reactivate a user (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
    }

    private static async Task<Ok<UserDto>> GetCurrentUser(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCurrentUserQuery(), cancellationToken));

    private static async Task<Ok<UserDto>> UpdateProfile(UpdateProfileCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));

    private static async Task<NoContent> ChangePassword(ChangePasswordCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PagedList<UserDto>>> ListUsers(
        IMediator mediator,
        CancellationToken cancellationToken,
        [QueryEnum(typeof(UserRole)), Description("Only users with this role.")] string? role = null,
        [Description("Text that the email or display name contains, ignoring case.")] string? search = null,
        [Description("Only the members of this team.")] Guid? teamId = null,
        int? page = null,
        int? pageSize = null,
        bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(
            new ListUsersQuery(QueryEnumValues.Parse<UserRole>(role, nameof(role)), search, teamId, page ?? 1, pageSize ?? 20, includeTotal ?? false),
            cancellationToken));

    private static async Task<Ok<UserDto>> ChangeRole(Guid id, ChangeUserRoleRequest body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ChangeUserRoleCommand(id, body.Role), cancellationToken));

    private static async Task<Ok<UserDto>> Deactivate(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new DeactivateUserCommand(id), cancellationToken));

    private static async Task<Ok<UserDto>> Reactivate(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ReactivateUserCommand(id), cancellationToken));
}
