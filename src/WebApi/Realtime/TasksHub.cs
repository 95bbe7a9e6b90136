using MediatR;
using Microsoft.AspNetCore.SignalR;
using TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>
/// /hubs/tasks: live updates for signed-in people (the same JWT as the API; in the query string for WebSockets
/// only). The server calls <c>taskEvent</c> with each event about a task the person may see, as the envelope of
/// docs/events.md, and <c>notification</c> with each new notification of theirs. Clients do not call the hub; they
/// change tasks through the API.
/// </summary>
internal sealed class TasksHub(IMediator mediator) : Hub
{
    public const string Path = "/hubs/tasks";

    /// <summary>The client method that receives an event envelope.</summary>
    public const string TaskEventMethod = "taskEvent";

    /// <summary>The client method that receives a new notification of the connected person (as GET /api/v1/notifications lists it).</summary>
    public const string NotificationMethod = "notification";

    /// <summary>
    /// Joins the groups of what the person may see now; a change of teams or role takes effect at the next
    /// connection (the clients reconnect, and refetch what they show).
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        var scope = await mediator.Send(new GetLiveUpdateScopeQuery(), Context.ConnectionAborted);
        IEnumerable<string> groups =
        [
            LiveUpdateGroups.Everyone,
            LiveUpdateGroups.User(scope.UserId),
            .. scope.AllTeams ? [LiveUpdateGroups.AllTeams] : scope.TeamIds.Select(LiveUpdateGroups.Team),
        ];
        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }
}
