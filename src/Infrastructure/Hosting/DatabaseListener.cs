using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>
/// The process's one LISTEN connection (ADR 0018): it listens on the channel of every
/// <see cref="IDatabaseChannelSubscriber"/> registered and hands each NOTIFY to the subscribers of its channel, in
/// the order PostgreSQL delivers them. A lost connection is opened again after 1, 2, 4… seconds (at most 10); what
/// was sent meanwhile is not replayed, so subscribers are told when they stop hearing and when they hear again,
/// and make up for the gap their own way.
/// </summary>
internal sealed partial class DatabaseListener(IConfiguration configuration, IEnumerable<IDatabaseChannelSubscriber> subscribers, ILogger<DatabaseListener> logger) : BackgroundService
{
    // An idle LISTEN connection whose server vanished without closing it (a failover, a dropped NAT entry) would
    // wait forever: Npgsql sends a keepalive while it waits, so such a connection fails within this many seconds
    // and is opened again.
    private const int KeepAliveSeconds = 30;

    private readonly IReadOnlyList<IDatabaseChannelSubscriber> _subscribers = [.. subscribers];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_subscribers.Count == 0)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => failures = 0, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Tell(subscriber => subscriber.Lost());
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, failures++))), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Tell(subscriber => subscriber.Lost());
    }

    private async Task ListenAsync(Action listening, CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DependencyInjection.ConnectionStringName)) { KeepAlive = KeepAliveSeconds };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        connection.Notification += (_, notification) =>
        {
            foreach (var subscriber in _subscribers.Where(subscriber => subscriber.Channel == notification.Channel))
            {
                subscriber.Received(notification.Payload);
            }
        };
        await connection.OpenAsync(stoppingToken);
        string[] channels = [.. _subscribers.Select(subscriber => subscriber.Channel).Distinct(StringComparer.Ordinal)];
        // The channel names are our own constants, never input: LISTEN takes an identifier, not a parameter.
        await using (var listen = new NpgsqlCommand(string.Concat(channels.Select(channel => $"LISTEN {channel};")), connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        listening();
        Tell(subscriber => subscriber.Listening());
        LogListening(logger, channels);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private void Tell(Action<IDatabaseChannelSubscriber> message)
    {
        foreach (var subscriber in _subscribers)
        {
            message(subscriber);
        }
    }

    [LoggerMessage(EventId = DatabaseListenerLogEvents.Listening, Level = LogLevel.Information, Message = "Listening on {Channels}.")]
    private static partial void LogListening(ILogger logger, IReadOnlyList<string> channels);

    [LoggerMessage(EventId = DatabaseListenerLogEvents.ListenFailed, Level = LogLevel.Warning, Message = "The LISTEN connection failed; opening it again shortly.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
