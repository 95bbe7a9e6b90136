using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.Commands.MarkAllNotificationsRead;
using TaskOrchestration.Application.Notifications.Commands.MarkNotificationRead;
using TaskOrchestration.Application.Notifications.Commands.UpdateNotificationPreferences;
using TaskOrchestration.Application.Notifications.Queries.GetNotificationPreferences;
using TaskOrchestration.Application.Notifications.Queries.ListNotifications;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/notifications: the signed-in user's inbox; /api/v1/users/me/notification-preferences: how they are told.</summary>
internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization();
        inbox.MapGet("/", List).WithName("ListNotifications")
            .WithSummary("The signed-in user's notifications, newest first.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);
        inbox.MapPost("/{id:guid}/read", MarkRead).WithName("MarkNotificationRead")
            .WithSummary("Mark one of the signed-in user's notifications read.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);
        inbox.MapPost("/read-all", MarkAllRead).WithName("MarkAllNotificationsRead")
            .WithSummary("Mark every unread notification of the signed-in user read; answers how many.")
            .ProducesProblems(Status401Unauthorized);

        var preferences = app.MapGroup(UserEndpoints.CurrentUserPath + "/notification-preferences").WithTags("Notifications").RequireAuthorization();
        preferences.MapGet("/", GetPreferences).WithName("GetNotificationPreferences")
            .WithSummary("How the signed-in user is told of each notification type: in the inbox, by email.")
            .ProducesProblems(Status401Unauthorized);
        preferences.MapPut("/", UpdatePreferences).WithName("UpdateNotificationPreferences")
            .WithSummary("Change how the signed-in user is told of the types given; the others stay as they are.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);
    }

    private static async Task<Ok<PagedList<NotificationDto>>> List(
        IMediator mediator,
        CancellationToken cancellationToken,
        [Description("Only the notifications not yet marked read.")] bool? unread = null,
        int? page = null,
        int? pageSize = null,
        bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(new ListNotificationsQuery(unread ?? false, page ?? 1, pageSize ?? 20, includeTotal ?? false), cancellationToken));

    private static async Task<NoContent> MarkRead(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new MarkNotificationReadCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MarkedNotificationsDto>> MarkAllRead(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new MarkAllNotificationsReadCommand(), cancellationToken));

    private static async Task<Ok<NotificationPreferencesDto>> GetPreferences(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetNotificationPreferencesQuery(), cancellationToken));

    private static async Task<Ok<NotificationPreferencesDto>> UpdatePreferences(UpdateNotificationPreferencesCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));
}
