using System.Collections.Concurrent;
using Npgsql;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>What a process LISTENing on one PostgreSQL channel hears, payload by payload, in order.</summary>
internal sealed class NotificationChannel : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<string> _payloads = new();
    private readonly NpgsqlConnection _connection;
    private readonly string _name;

    private NotificationChannel(NpgsqlConnection connection, string name)
    {
        _connection = connection;
        _name = name;
        _connection.Notification += (_, notification) => _payloads.Enqueue(notification.Payload);
    }

    public static async Task<NotificationChannel> ListenAsync(TestDatabase database, string name)
    {
        var channel = new NotificationChannel(await database.OpenConnectionAsync(), name);
        await using (var listen = new NpgsqlCommand($"LISTEN {name}", channel._connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        // A new listener may still be handed NOTIFYs committed shortly before its LISTEN (PostgreSQL starts it at its
        // queue's tail): what comes before a marker of our own is left out.
        var marker = $"marker {Guid.NewGuid()}";
        await database.ExecuteAsync("SELECT pg_notify(@channel, @marker)", ("channel", name), ("marker", marker));
        while (await channel.NextAsync() != marker)
        {
        }

        return channel;
    }

    public async Task<string> NextAsync()
    {
        string? payload;
        while (!_payloads.TryDequeue(out payload))
        {
            if (!await _connection.WaitAsync(Patience))
            {
                throw new TimeoutException($"Nothing on {_name} within {Patience}.");
            }
        }

        return payload;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
