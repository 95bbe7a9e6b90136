using MediatR;
using Microsoft.AspNetCore.SignalR;
using TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>
/// /hubs/tasks: live updates for signed-in people (the same JWT as the API; in the query string for WebSockets
/// only). The server calls <c>taskEvent</c> with each event about a task the person may see, as the envelope of
/// docs/events.md, and <c>notification</c> with each new notification of theirs. Clients do not call the hub; they
/// change tasks through the API.
/// </summary>
internal sealed class TasksHub(IMediator mediator, ICurrentUser currentUser, HubConnectionRegistry connections) : Hub
{
    public const string Path = "/hubs/tasks";

    /// <summary>The client method that receives an event envelope.</summary>
    public const string TaskEventMethod = "taskEvent";

    /// <summary>The client method that receives a new notification of the connected person (as GET /api/v1/notifications lists it).</summary>
    public const string NotificationMethod = "notification";

    private const string UserIdItem = "userId";

    /// <summary>
    /// Joins the groups of what the person may see now. When that changes (teams, role, deactivation), every
    /// instance closes the person's connections (<see cref="HubFanOut.AccessChangedAsync"/>) and the clients
    /// reconnect into the new groups; a connection also closes when its access token expires.
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        // The hub requires an authenticated user (the fallback policy). Kept with the connection for its end, when
        // the request that opened it may be gone.
        var userId = currentUser.RequireActor().UserId;
        Context.Items[UserIdItem] = userId;
        // Registered before the scope is read: an access change committed after the read closes this connection, and
        // one processed before the registration was committed before the read, which then sees it.
        connections.Add(userId, Context);
        try
        {
            await JoinGroupsAsync();
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            // Closed while joining (its access changed, or the client left). Returning normally lets SignalR close it
            // as it was asked to, reconnection allowed, where an error here would tell the client not to reconnect.
            // OnDisconnectedAsync follows and unregisters it.
            return;
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            connections.Remove(userId, Context);
            throw;
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(UserIdItem, out var item) && item is Guid userId)
        {
            connections.Remove(userId, Context);
        }

        return base.OnDisconnectedAsync(exception);
    }

    private async Task JoinGroupsAsync()
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
    }
}
