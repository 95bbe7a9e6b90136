using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Realtime;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// The backplane's receiving end in each API instance: LISTENs on <see cref="LiveUpdateMessage.Channel"/> on a
/// connection of its own and passes each event, notification and access change to <see cref="IRealtimeFanOut"/>, in
/// the order they arrive (so an access change is acted on before the events committed after it). A lost
/// connection is opened again (events published meanwhile are not replayed: clients refetch after they reconnect).
/// </summary>
internal sealed partial class LiveUpdateListener(IConfiguration configuration, IRealtimeFanOut fanOut, AccessStateCache accessStates, ILogger<LiveUpdateListener> logger) : BackgroundService
{
    // A payload of its own (compared by reference): the LISTEN is in place, and every NOTIFY from now on will be heard.
    private static readonly string ListeningMarker = new(['l', 'i', 's', 't', 'e', 'n', 'i', 'n', 'g']);

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var forwarding = ForwardAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Access changes may now go unheard: the cache of access states is not to be trusted until we listen again.
                accessStates.Suspend();
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, failures++))), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        accessStates.Suspend();
        _received.Writer.TryComplete();
        await forwarding;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString(DependencyInjection.ConnectionStringName));
        connection.Notification += (_, notification) => _received.Writer.TryWrite(notification.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {LiveUpdateMessage.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Passed on in order behind whatever arrived before, so the cache is trusted only from here on.
        _received.Writer.TryWrite(ListeningMarker);
        LogListening(logger, LiveUpdateMessage.Channel);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private async Task ForwardAsync(CancellationToken stoppingToken)
    {
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

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Listening for live updates on {Channel}.")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "The live-update connection failed; opening it again shortly.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "A live update could not be passed on.")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception);
}
