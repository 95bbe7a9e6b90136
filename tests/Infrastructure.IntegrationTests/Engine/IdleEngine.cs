using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// A worker process's engine (its LISTEN connection, the worker and the lease reaper, as the worker role registers
/// them), serving <see cref="ScriptedHandler"/> only, with a poll of ten minutes: within a test, only a wake or a
/// run-after timer can start a task. Started in an order that leaves nothing to wake the worker by chance: the
/// connection listens before the worker starts (so the "listening again" look happens before the worker does
/// anything), then the reaper once the worker's first claim found nothing and it sleeps.
/// </summary>
internal sealed class IdleEngine : IAsyncDisposable
{
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(500);

    // A hang guard, not a measure.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private IdleEngine(ServiceProvider services, ScriptedHandler handler, RecordingLoggerProvider log)
    {
        _services = services;
        Handler = handler;
        Log = log;
    }

    public ScriptedHandler Handler { get; }

    public RecordingLoggerProvider Log { get; }

    /// <param name="database">The test's database.</param>
    /// <param name="concurrency">Worker:Concurrency.</param>
    /// <param name="settings">Further settings (Worker:LeaseDuration, say), over the defaults above.</param>
    public static async Task<IdleEngine> StartAsync(TestDatabase database, int concurrency = 10, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var handler = new ScriptedHandler();
        var log = new RecordingLoggerProvider();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Worker:Kinds:0"] = ScriptedHandler.KindName,
            ["Worker:Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Worker:PollInterval"] = "00:10:00",
            ["Worker:ReaperInterval"] = "00:00:00.200",
            ["Worker:RetryBaseDelay"] = RetryBaseDelay.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = InfrastructureServices.Build(
            values,
            configure: services => services
                .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log))
                .AddSingleton<ITaskHandler>(handler)
                .AddSingleton<TaskKinds>()
                .AddWorkerRole());
        var engine = new IdleEngine(services, handler, log);
        try
        {
            var hosted = services.GetServices<IHostedService>().ToList();
            await engine.StartAsync(hosted.OfType<DatabaseListener>().Single());
            await services.GetRequiredService<EngineWake>().Listening.WaitAsync(Patience);
            await engine.StartAsync(hosted.OfType<WorkerService>().Single());
            await engine.SleepsAsync();
            // Last: a lease it reaps must find the worker asleep.
            await engine.StartAsync(hosted.OfType<LeaseReaper>().Single());
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits a <see cref="ScriptedHandler"/> task through the unit of work, as the create command does; its title is its script.</summary>
    public static async Task<TaskItem> SubmitAsync(TestDatabase database, Actor creator, string title, DateTimeOffset? runAfter = null)
    {
        await using var db = database.CreateDbContext();
        var task = TaskItem.Create(title, null, TaskPriority.Normal, null, false, creator, DateTimeOffset.UtcNow, automation: new TaskAutomation(ScriptedHandler.KindName, null, 3, runAfter));
        db.Tasks.Add(task);
        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
        return task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }

    /// <summary>Until the worker has found nothing to claim and sleeps (its first claim, or one after it was woken).</summary>
    private async Task SleepsAsync()
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!Log.Entries.Any(entry => entry.Category == typeof(WorkerService).FullName && entry.EventId == EngineLogEvents.Idle))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not fall idle within {Patience}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private async Task StartAsync(IHostedService service)
    {
        await service.StartAsync(CancellationToken.None);
        _started.Add(service);
    }
}
