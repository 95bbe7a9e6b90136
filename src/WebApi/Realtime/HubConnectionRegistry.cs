using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace TaskOrchestration.WebApi.Realtime;

/// <summary>
/// The open connections of <see cref="TasksHub"/> in this process, by user, so that those of one user can be ended
/// when what they may see changes (SignalR can send to a user, but offers no way to find or close their connections).
/// </summary>
internal sealed class HubConnectionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<HubCallerContext>> _byUser = [];

    public void Add(Guid userId, HubCallerContext connection)
    {
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var connections))
            {
                _byUser[userId] = connections = [];
            }

            connections.Add(connection);
        }
    }

    public void Remove(Guid userId, HubCallerContext connection)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(userId, out var connections) && connections.Remove(connection) && connections.Count == 0)
            {
                _byUser.Remove(userId);
            }
        }
    }

    /// <summary>
    /// Closes every open connection of <paramref name="userId"/>, telling the clients they may reconnect (as SignalR
    /// does when a token expires): each leaves its groups as it closes, and a reconnection joins the groups of what
    /// the user may see then, or is refused if the account was deactivated.
    /// </summary>
    public void CloseAll(Guid userId)
    {
        HubCallerContext[] closing;
        lock (_gate)
        {
            closing = _byUser.TryGetValue(userId, out var connections) ? [.. connections] : [];
        }

        // Outside the lock: closing may run the connection's callbacks, and its OnDisconnectedAsync takes the lock.
        foreach (var connection in closing)
        {
            if (connection.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
            {
                lifetime.RequestClose();
            }
            else
            {
                // HubCallerContext.Abort would tell the client not to reconnect: only where the transport cannot be
                // asked to close (every HTTP transport can).
                connection.Abort();
            }
        }
    }
}
