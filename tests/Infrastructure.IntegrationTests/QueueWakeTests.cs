using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Email;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The leased queues' wake-up (QueueWake): a commit that gave a queue work announces it after it committed, and the
/// queue's service looks at once instead of at its next poll.
/// </summary>
public sealed class QueueWakeTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    // A clock that never moves: a service's poll never comes, only an announcement makes it look.
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task ACommitThatWritesEventsOrEmails_AnnouncesTheirQueues_OnlyOnceItCommitted()
    {
        var creator = await AddUserAsync();
        var provider = Services();
        var wake = provider.GetRequiredService<QueueWake>();
        await wake.StartAsync(CancellationToken.None);
        await using var listener = await ListenAsync();

        // Events in a transaction that rolls back: nothing is announced.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tasks.Add(TaskItem.Create("Rolled back", null, TaskPriority.Normal, null, false, creator, Now));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // An email alone, committed by its save.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.OutgoingEmails.Add(new OutgoingEmail(Guid.NewGuid(), creator.UserId, "someone@example.com", "Subject", "Body", Now));
            await db.SaveChangesAsync();
        }

        Assert.Equal("emails", await listener.NextAsync());

        // Events in a transaction: announced once it commits.
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tasks.Add(TaskItem.Create("Committed", null, TaskPriority.Normal, null, false, creator, Now));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal("outbox", await listener.NextAsync());
    }

    [Fact]
    public async Task AProcessWhoseWakeOnCommitIsOff_AnnouncesNothing()
    {
        var creator = await AddUserAsync();
        var silent = Services((QueueWake.WakeOnCommitSetting, "false"));
        var announcing = Services();
        await silent.GetRequiredService<QueueWake>().StartAsync(CancellationToken.None);
        await announcing.GetRequiredService<QueueWake>().StartAsync(CancellationToken.None);
        await using var listener = await ListenAsync();

        await using (var scope = silent.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.OutgoingEmails.Add(new OutgoingEmail(Guid.NewGuid(), creator.UserId, "someone@example.com", "Subject", "Body", Now));
            await db.SaveChangesAsync();
        }

        await using (var scope = announcing.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.Tasks.Add(TaskItem.Create("Announced", null, TaskPriority.Normal, null, false, creator, Now));
            await db.SaveChangesAsync();
        }

        // The silent process's email was committed first, and is not what is heard.
        Assert.Equal("outbox", await listener.NextAsync());
    }

    [Fact]
    public async Task AnAnnouncedQueue_IsLookedAt_WithoutWaitingForItsPoll()
    {
        var creator = await AddUserAsync();
        var provider = Services(("Outbox:PollInterval", "01:00:00"));
        var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
        await dispatcher.StartAsync(CancellationToken.None);
        await AddTaskAsync(creator);

        // As the LISTEN connection passes on what another process announced.
        ((IDatabaseChannelSubscriber)provider.GetRequiredService<QueueWake>()).Received("outbox");

        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await ColumnAsync<long>("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"))[0] > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal([0L], await ColumnAsync<long>("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
        await dispatcher.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        // Disposing a provider stops its background services (their stopping token is cancelled).
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services => services.AddSingleton<TimeProvider>(_clock));
        _providers.Add(provider);
        return provider;
    }

    private async Task<Listener> ListenAsync()
    {
        var connection = await Database.OpenConnectionAsync();
        var heard = Channel.CreateUnbounded<string>();
        connection.Notification += (_, notification) => heard.Writer.TryWrite(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {QueueWake.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        return new Listener(connection, heard.Reader);
    }

    /// <summary>A LISTEN connection of the test's own, and the payloads it heard, in order.</summary>
    private sealed class Listener(NpgsqlConnection connection, ChannelReader<string> heard) : IAsyncDisposable
    {
        public async Task<string> NextAsync()
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
            string? payload;
            while (!heard.TryRead(out payload))
            {
                if (DateTimeOffset.UtcNow > deadline || !await connection.WaitAsync(TimeSpan.FromSeconds(20)))
                {
                    throw new TimeoutException("No announcement was heard.");
                }
            }

            return payload;
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
