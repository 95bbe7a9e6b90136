using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Realtime;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// The backplane's receiving end in each API instance: hears <see cref="LiveUpdateMessage.Channel"/> through the
/// process's LISTEN connection (<see cref="DatabaseListener"/>) and passes each event, notification and access
/// change to <see cref="IRealtimeFanOut"/>, in the order they arrive (so an access change is acted on before the
/// events committed after it). While the connection is lost, access changes may go unheard, so the cache of access
/// states is suspended until it listens again (events published meanwhile are not replayed: clients refetch after
/// they reconnect).
/// </summary>
internal sealed partial class LiveUpdateListener(IRealtimeFanOut fanOut, AccessStateCache accessStates, ILogger<LiveUpdateListener> logger) : BackgroundService, IDatabaseChannelSubscriber
{
    // A payload of its own (compared by reference): the LISTEN is in place, and every NOTIFY from now on will be heard.
    private static readonly string ListeningMarker = new(['l', 'i', 's', 't', 'e', 'n', 'i', 'n', 'g']);

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    string IDatabaseChannelSubscriber.Channel => LiveUpdateMessage.Channel;

    // Passed on in order behind whatever arrived before, so the cache is trusted only from here on.
    void IDatabaseChannelSubscriber.Listening() => _received.Writer.TryWrite(ListeningMarker);

    void IDatabaseChannelSubscriber.Received(string payload) => _received.Writer.TryWrite(payload);

    // Access changes may now go unheard: the cache of access states is not to be trusted until we listen again.
    void IDatabaseChannelSubscriber.Lost() => accessStates.Suspend();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ForwardAsync(stoppingToken);
        accessStates.Suspend();
    }

    private async Task ForwardAsync(CancellationToken stoppingToken)
    {
        await using var stopping = stoppingToken.Register(() => _received.Writer.TryComplete());
        await foreach (var payload in _received.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (ReferenceEquals(payload, ListeningMarker))
            {
                accessStates.Resume();
                continue;
            }

            try
            {
                var message = JsonSerializer.Deserialize<LiveUpdateMessage>(payload, EventJson.Options)!;
                await (message switch
                {
                    { Kind: LiveUpdateKind.TaskEvent, Envelope: { } envelope } => fanOut.PublishTaskEventAsync(message.TeamId, envelope, stoppingToken),
                    { Kind: LiveUpdateKind.Notification, RecipientId: { } recipient, Notification: { } notification } => fanOut.PublishNotificationAsync(recipient, notification, stoppingToken),
                    { Kind: LiveUpdateKind.AccessChanged, UserId: { } user } => AccessChangedAsync(user, stoppingToken),
                    _ => Task.CompletedTask,
                });
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogForwardFailed(logger, exception);
            }
        }
    }

    /// <summary>The cache first: a live connection closed here reconnects at once, and must be checked against the new state.</summary>
    private Task AccessChangedAsync(Guid userId, CancellationToken cancellationToken)
    {
        accessStates.Forget(userId);
        return fanOut.AccessChangedAsync(userId, cancellationToken);
    }

    [LoggerMessage(EventId = LiveUpdateLogEvents.ForwardFailed, Level = LogLevel.Warning, Message = "A live update could not be passed on.")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception);
}
