using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// The announcement that wakes idle workers (EngineWake): sent by the transactions that make automated tasks
/// runnable, once per transaction, heard only once those tasks can be read, and by nothing else.
/// </summary>
public sealed class EngineWakeTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private const string Kind = "system.noop";
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task ASaveOfAThousandAutomatedTasks_AnnouncesOnce_WithTheirKind_WhenTheyCanBeRead()
    {
        var creator = await AddUserAsync();
        await using var channel = await NotificationChannel.ListenAsync(Database, EngineWake.Channel);

        var saving = SaveAsync(Enumerable.Range(1, 1000).Select(n => Automated(creator, $"Bulk {n}")));
        var first = await channel.NextAsync();
        var readable = await Database.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE title LIKE 'Bulk %'");
        await saving;
        // Two kinds in one save: one announcement for any kind.
        await SaveAsync([Automated(creator, "Noop"), Automated(creator, "Webhook", kind: "http.webhook")]);

        Assert.Equal((Kind, 1000L), (first, readable));
        // NOTIFYs arrive in commit order: the next one being the second save's means the first sent one only.
        Assert.Equal(string.Empty, await channel.NextAsync());
    }

    [Fact]
    public async Task ManualTasks_Drafts_AndEditsOfPendingTasks_AnnounceNothing_PublishingADraftDoes()
    {
        var creator = await AddUserAsync();
        var pending = Automated(creator, "Pending", kind: "demo.title-parity");
        await SaveAsync([pending]);
        var draft = Automated(creator, "Draft", draft: true);
        await using var channel = await NotificationChannel.ListenAsync(Database, EngineWake.Channel);

        await SaveAsync([TaskItem.Create("Manual", null, TaskPriority.Normal, null, false, creator, Now)]);
        await SaveAsync([draft]);
        await ChangeAsync(pending.Id, task => task.Update("Pending, renamed", null, null, null, false, creator, Now));
        await ChangeAsync(draft.Id, task => task.Publish(creator, Now));

        Assert.Equal(Kind, await channel.NextAsync());
    }

    [Fact]
    public async Task AFailedAttemptRequeued_AndALeaseReaped_AreAnnounced_ButAClaimAndACompletionAreNot()
    {
        var creator = await AddUserAsync();
        var failing = Automated(creator, "Fails");
        var reaped = Automated(creator, "Reaped", kind: "demo.title-parity");
        var completed = Automated(creator, "Completes", kind: "http.webhook");
        await SaveAsync([failing, reaped, completed]);
        var queue = Queue();
        await using var channel = await NotificationChannel.ListenAsync(Database, EngineWake.Channel);

        await queue.ClaimAsync([Kind, "demo.title-parity", "http.webhook"], 10, [], CancellationToken.None);
        await queue.FinishAsync([new AttemptOutcome(completed.Id, 1, TaskHandlerResult.Success())], CancellationToken.None);
        await queue.FinishAsync([new AttemptOutcome(failing.Id, 1, TaskHandlerResult.Failure("failed"))], CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await queue.ReapAsync(10, CancellationToken.None);

        Assert.Equal(Kind, await channel.NextAsync());
        Assert.Equal("demo.title-parity", await channel.NextAsync());
    }

    [Fact]
    public async Task ResumingAPausedKind_AnnouncesIt_PausingAndResumingAKindNotPausedDoNot()
    {
        var admin = await AddUserAsync(Domain.Users.UserRole.Admin);
        await using var channel = await NotificationChannel.ListenAsync(Database, EngineWake.Channel);

        await SetPausedAsync(Kind, paused: false, admin);
        await SetPausedAsync(Kind, paused: true, admin);
        await SetPausedAsync(Kind, paused: true, admin);
        var resumed = await SetPausedAsync(Kind, paused: false, admin);

        Assert.True(resumed);
        Assert.Equal(Kind, await channel.NextAsync());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static TaskItem Automated(Actor creator, string title, string kind = Kind, bool draft = false) =>
        TaskItem.Create(title, null, TaskPriority.Normal, null, draft, creator, Now, automation: new TaskAutomation(kind, null, 3, null));

    /// <summary>One save, as a command handler makes it (through the unit of work).</summary>
    private async Task SaveAsync(IEnumerable<TaskItem> tasks)
    {
        await using var db = Database.CreateDbContext();
        db.Tasks.AddRange(tasks);
        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
    }

    private async Task<bool> SetPausedAsync(string kind, bool paused, Actor admin)
    {
        await using var db = Database.CreateDbContext();
        return await new EngineMonitor(db).SetPausedAsync(kind, paused, admin.UserId, Now, CancellationToken.None);
    }

    private TaskQueue Queue()
    {
        var provider = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services => services.AddSingleton<TimeProvider>(_clock));
        _providers.Add(provider);
        return provider.GetRequiredService<TaskQueue>();
    }
}
