using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Webhooks;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks on real PostgreSQL: hosts built as the worker role builds them (the outbox dispatcher with the
/// "webhooks" consumer, and the sender), on a clock the test moves.
/// </summary>
public abstract class WebhookTest(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    protected FakeTimeProvider Clock { get; } = new(Now);

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A host of its own (its own worker identity); private networks are allowed unless the settings say otherwise.</summary>
    protected ServiceProvider Host(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = Database.ConnectionString,
            ["Webhooks:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddEventConsumer<WebhookDeliveryRecorder>();
        });
        _providers.Add(provider);
        return provider;
    }

    protected Task<int> DispatchAsync(ServiceProvider? host = null) =>
        (host ?? Host()).GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

    protected static Task<int> SendAsync(ServiceProvider host) =>
        host.GetRequiredService<WebhookSender>().SendOnceAsync(CancellationToken.None);

    protected async Task<WebhookSubscription> SubscribeAsync(string url, EventType[] eventTypes, bool active = true, Action<WebhookSubscription>? change = null)
    {
        var admin = await AddUserAsync(UserRole.Admin);
        await using var db = Database.CreateDbContext();
        var subscription = WebhookSubscription.Create(url, eventTypes, "Test receiver", active, WebhookSecret.Generate(), admin, Now);
        change?.Invoke(subscription);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription;
    }

    protected async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(delivery => delivery.CreatedAt).ThenBy(delivery => delivery.Id).ToListAsync();
    }

    protected async Task<WebhookDelivery> OnlyDeliveryAsync() => Assert.Single(await DeliveriesAsync());
}
