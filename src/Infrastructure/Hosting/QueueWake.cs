using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>The leased queues a commit can give work to, named in the wake-up's payload.</summary>
[Flags]
internal enum WokenQueues
{
    None = 0,
    Outbox = 1,
    Emails = 2,
    Webhooks = 4,
}

/// <summary>
/// Wakes the worker role's batch services (the outbox dispatcher, the email and webhook senders) when a commit gave
/// them work, so that an event is dispatched, an email or a delivery sent at once rather than at the service's next
/// poll (issue 20; the engine's tasks have EngineWake).
/// <para>
/// Sending: a commit that wrote outbox events, emails or webhook deliveries is noted (ApplicationDbContext, told by
/// CommitRecorder when its transaction committed) and this process sends one NOTIFY on <see cref="Channel"/> per queue,
/// after the commit and outside it. A NOTIFY inside the writing transaction would take PostgreSQL's notify lock in the
/// commit of every write, which serialises the commits of the API's writes. What is noted while a NOTIFY is on its way,
/// or in the <see cref="SendInterval"/> after it, goes with the next one: a busy process sends at most a hundred a
/// second, not one per write.
/// </para>
/// <para>
/// Hearing: every process LISTENs (DatabaseListener); the service named by the payload looks at once (or as soon as
/// its round ends). Announcements sent while the connection was away are not replayed: each service looks when it
/// listens again, and its poll interval remains for anything not announced.
/// </para>
/// <para>
/// <c>Queues:WakeOnCommit</c> (true by default) switches the announcing off in a process: its commits then reach the
/// services at their poll intervals, as before the wake.
/// </para>
/// </summary>
internal sealed partial class QueueWake(IConfiguration configuration, ILogger<QueueWake> logger) : BackgroundService, IDatabaseChannelSubscriber
{
    public const string Channel = "taskorch_queue_wake";

    /// <summary>The least time between two announcements of a process (real time).</summary>
    public static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(10);

    private static readonly (WokenQueues Queue, string Name)[] Names = [(WokenQueues.Outbox, "outbox"), (WokenQueues.Emails, "emails"), (WokenQueues.Webhooks, "webhooks")];

    private readonly SemaphoreSlim _noted = new(0, 1);
    private readonly Lock _gate = new();
    private readonly List<(WokenQueues Queue, Action Look)> _services = [];
    private readonly bool _announces = configuration.GetValue(WakeOnCommitSetting, defaultValue: true);
    private int _pending;

    /// <summary>The setting that switches this process's announcements off (true by default).</summary>
    public const string WakeOnCommitSetting = "Queues:WakeOnCommit";

    string IDatabaseChannelSubscriber.Channel => Channel;

    /// <summary>Registers what to do when <paramref name="queue"/> is announced: <paramref name="look"/> must return at once.</summary>
    public void OnAnnounced(WokenQueues queue, Action look)
    {
        lock (_gate)
        {
            _services.Add((queue, look));
        }
    }

    /// <summary>Notes that a commit gave <paramref name="queues"/> work; the announcement follows without waiting for it.</summary>
    public void Announce(WokenQueues queues)
    {
        if (_announces && queues != WokenQueues.None && Interlocked.Or(ref _pending, (int)queues) == 0)
        {
            try
            {
                _noted.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: the next send takes these too.
            }
        }
    }

    void IDatabaseChannelSubscriber.Listening() => Look(WokenQueues.Outbox | WokenQueues.Emails | WokenQueues.Webhooks);

    void IDatabaseChannelSubscriber.Received(string payload) => Look(Names.FirstOrDefault(name => name.Name == payload).Queue);

    void IDatabaseChannelSubscriber.Lost()
    {
        // Nothing to do: the polls carry on, and Listening looks once when the connection is back.
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _noted.WaitAsync(stoppingToken);
                var queues = (WokenQueues)Interlocked.Exchange(ref _pending, 0);
                var sent = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    await using var notify = connection.CreateCommand();
                    notify.CommandText = $"SELECT {string.Join(", ", Names.Where(name => queues.HasFlag(name.Queue)).Select(name => $"pg_notify('{Channel}', '{name.Name}')"))}";
                    await notify.ExecuteNonQueryAsync(stoppingToken);
                    var spent = System.Diagnostics.Stopwatch.GetElapsedTime(sent);
                    if (spent < SendInterval)
                    {
                        await Task.Delay(SendInterval - spent, stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The services' polls find the work; the next commit tries again on a new connection.
                    LogAnnounceFailed(logger, exception);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Its own connection, kept open: an announcement neither waits for the pool the requests use nor holds one of it.
        var settings = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DependencyInjection.ConnectionStringName)) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void Look(WokenQueues queues)
    {
        List<Action> looks;
        lock (_gate)
        {
            looks = [.. _services.Where(service => (service.Queue & queues) != 0).Select(service => service.Look)];
        }

        foreach (var look in looks)
        {
            look();
        }
    }

    [LoggerMessage(EventId = DatabaseListenerLogEvents.AnnounceFailed, Level = LogLevel.Warning, Message = "Announcing work to the queues' services failed; their polls find it.")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
