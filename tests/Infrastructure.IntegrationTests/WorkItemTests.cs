using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// Work items (docs/adr/0031-work-items.md): one exists exactly while its task is automated, pending or running, and
/// not archived, whatever changed the task (a person's save or the engine); a running task's row reads pending, and
/// every read shows it running.
/// </summary>
public sealed class WorkItemTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private const string Kind = "demo.title-parity";
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task ASave_GivesEachAutomatedTaskItsItem_WhileItIsPendingAndLive_AndCopiesWhatTheClaimOrdersBy()
    {
        var creator = await AddUserAsync();
        var manual = await AddTaskAsync(creator);
        var scheduled = await AddAutomatedAsync(creator, runAfter: Now.AddMinutes(5));
        var cancelled = await AddAutomatedAsync(creator);
        var archived = await AddAutomatedAsync(creator);
        var unarchived = await AddAutomatedAsync(creator);

        await ChangeAsync(scheduled.Id, task => task.Update(null, null, TaskPriority.Critical, null, false, creator, Now));
        await ChangeAsync(cancelled.Id, task => task.Cancel(creator, null, Now));
        await ChangeAsync(archived.Id, task => task.Archive(creator, Now));
        await ChangeAsync(unarchived.Id, task => task.Archive(creator, Now));
        await ChangeAsync(unarchived.Id, task => task.Unarchive(creator, Now));

        Assert.Equal(
            new[] { $"{scheduled.Id} {Kind} 3 {creator.UserId} true", $"{unarchived.Id} {Kind} 1 {creator.UserId} false" }.Order(),
            (await ColumnAsync<string>(
                "SELECT id || ' ' || kind || ' ' || priority || ' ' || created_by || ' ' || (run_after IS NOT NULL)::text FROM work_items WHERE leased_by IS NULL")).Order());
        Assert.Empty(await ColumnAsync<Guid>("SELECT id FROM work_items WHERE id = ANY(@ids)", ("ids", new[] { manual.Id, cancelled.Id, archived.Id })));
        await AssertItemsMatchTheirTasksAsync();
    }

    [Fact]
    public async Task TheEngine_KeepsTheItems_AsItsAttemptsEnd_AndARetryOfADeadTaskGivesItOneAgain()
    {
        var creator = await AddUserAsync();
        var completed = await AddAutomatedAsync(creator, TaskPriority.Critical);
        var requeued = await AddAutomatedAsync(creator, TaskPriority.High);
        var dead = await AddAutomatedAsync(creator, TaskPriority.Normal, maxAttempts: 1);
        var queue = Queue();
        Assert.Equal(3, (await queue.ClaimAsync([Kind], 10, [], CancellationToken.None)).Count);

        await queue.FinishAsync(
            [
                new AttemptOutcome(completed.Id, 1, TaskHandlerResult.Success("ok")),
                new AttemptOutcome(requeued.Id, 1, TaskHandlerResult.Failure("again")),
                new AttemptOutcome(dead.Id, 1, TaskHandlerResult.Failure("no more")),
            ],
            CancellationToken.None);
        Assert.Equal([requeued.Id], await ColumnAsync<Guid>("SELECT id FROM work_items WHERE leased_by IS NULL"));
        await AssertItemsMatchTheirTasksAsync();

        await ChangeAsync(dead.Id, task => task.Retry(creator, Now));

        Assert.Equal(new[] { requeued.Id, dead.Id }.Order(), (await ColumnAsync<Guid>("SELECT id FROM work_items WHERE leased_by IS NULL")).Order());
        await AssertItemsMatchTheirTasksAsync();
    }

    [Fact]
    public async Task ARunningTask_ReadsRunning_EditedKeepsItsWorker_AndCancelledLosesItsItem_FromRunning()
    {
        var creator = await AddUserAsync();
        var edited = await AddAutomatedAsync(creator, TaskPriority.High);
        var cancelled = await AddAutomatedAsync(creator, TaskPriority.Normal);
        var queue = Queue();
        Assert.Equal(2, (await queue.ClaimAsync([Kind], 10, [], CancellationToken.None)).Count);
        var worker = Provider.GetRequiredService<WorkerIdentity>().Id;

        // As a command handler does: found through the repository, changed, saved through the unit of work.
        await using (var scope = Provider.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<ITaskRepository>();
            var task = await tasks.FindAsync(edited.Id, CancellationToken.None);
            Assert.Equal((TaskItemStatus.Running, SystemActors.Engine.UserId, worker), (task!.Status, task.OwnerId, task.Run.LeasedBy));
            task.Update("A new title", null, TaskPriority.Low, null, false, creator, Now);
            var other = await tasks.FindAsync(cancelled.Id, CancellationToken.None);
            other!.Cancel(creator, "not needed", Now);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        // The edit wrote the title and the item's priority, and no status: the row still reads pending, its worker still holds it.
        Assert.Equal(["pending A new title"], await ColumnAsync<string>("SELECT status || ' ' || title FROM tasks WHERE id = @id", ("id", edited.Id)));
        Assert.Equal([$"{worker} 0"], await ColumnAsync<string>("SELECT leased_by || ' ' || priority FROM work_items WHERE id = @id", ("id", edited.Id)));
        // The cancelled one keeps the engine as its owner of record, and its history the attempt's take, then the cancel.
        Assert.Equal([$"cancelled {SystemActors.Engine.UserId}"], await ColumnAsync<string>("SELECT status || ' ' || owner_id FROM tasks WHERE id = @id", ("id", cancelled.Id)));
        Assert.Equal(
            ["pending running take", "running cancelled cancel"],
            await ColumnAsync<string>(
                """SELECT "from" || ' ' || "to" || ' ' || trigger FROM task_history_entries WHERE task_id = @id AND kind = 'transitioned' ORDER BY occurred_at, trigger DESC""",
                ("id", cancelled.Id)));
        await AssertItemsMatchTheirTasksAsync();
        // Its worker learns at its next heartbeat that the attempt is no longer its own.
        Assert.Equal([edited.Id], Provider.GetRequiredService<LeaseHeartbeat>().Extend([Kind]).Keys);
    }

    [Fact]
    public async Task ARunningTask_IsNotArchived_ItsWorkerKeepsItAndEndsIt()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var queue = Queue();
        Assert.Single(await queue.ClaimAsync([Kind], 10, [], CancellationToken.None));

        var refused = await Assert.ThrowsAsync<DomainException>(() => ChangeHeldAsync(task.Id, held => held.Archive(creator, Now)));

        Assert.Equal(TaskErrors.NotEnded, refused.Error);
        Assert.Equal([Provider.GetRequiredService<WorkerIdentity>().Id], await ColumnAsync<string>("SELECT leased_by FROM work_items WHERE id = @id", ("id", task.Id)));
        Assert.Equal(1, await queue.FinishAsync([new AttemptOutcome(task.Id, 1, TaskHandlerResult.Success("ok"))], CancellationToken.None));
        await ChangeAsync(task.Id, ended => ended.Archive(creator, Now));
        Assert.Equal(["done true"], await ColumnAsync<string>("SELECT status || ' ' || (archived_at IS NOT NULL) FROM tasks WHERE id = @id", ("id", task.Id)));
        await AssertItemsMatchTheirTasksAsync();
    }

    [Fact]
    public async Task ACancelDecidedOnAPendingTask_ThatAWorkerClaimedSince_IsAConflict_AndChangesNothing()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var queue = Queue();

        await using (var scope = Provider.CreateAsyncScope())
        {
            var read = await scope.ServiceProvider.GetRequiredService<ITaskRepository>().FindAsync(task.Id, CancellationToken.None);
            Assert.Equal(TaskItemStatus.Pending, read!.Status);
            Assert.Single(await queue.ClaimAsync([Kind], 10, [], CancellationToken.None));
            read.Cancel(creator, null, Now);

            await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
        }

        Assert.Equal(["pending"], await ColumnAsync<string>("SELECT status FROM tasks WHERE id = @id", ("id", task.Id)));
        Assert.Equal([Provider.GetRequiredService<WorkerIdentity>().Id], await ColumnAsync<string>("SELECT leased_by FROM work_items WHERE id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task AnItemWhoseTaskCannotHaveOne_IsDeleted_AndStopsNoClaim()
    {
        var creator = await AddUserAsync();
        var runnable = await AddAutomatedAsync(creator, TaskPriority.Low);
        var cancelled = await AddAutomatedAsync(creator, TaskPriority.Critical);
        await ChangeAsync(cancelled.Id, task => task.Cancel(creator, null, Now));
        // Written behind the application's back, at the head of the claim's order.
        await ExecuteAsync("INSERT INTO work_items (id, kind, priority, created_at, created_by) SELECT id, kind, priority, created_at, created_by FROM tasks WHERE id = @id", ("id", cancelled.Id));

        var claimed = await Queue().ClaimAsync([Kind], 10, [], CancellationToken.None);

        Assert.Equal([runnable.Id], claimed.Select(run => run.TaskId));
        Assert.Equal(["cancelled"], await ColumnAsync<string>("SELECT status FROM tasks WHERE id = @id", ("id", cancelled.Id)));
        await AssertItemsMatchTheirTasksAsync();
    }

    [Fact]
    public async Task TheListsFilters_CountAHeldTaskAsRunning_NotPending_AndOwnedByTheEngine()
    {
        var creator = await AddUserAsync();
        var held = await AddAutomatedAsync(creator, TaskPriority.High);
        var waiting = await AddAutomatedAsync(creator, TaskPriority.Low, runAfter: Now.AddHours(1));
        var manualPending = await AddTaskAsync(creator);
        var manualRunning = await AddTaskAsync(creator, task => task.Take(creator, Now));
        Assert.Single(await Queue().ClaimAsync([Kind], 10, [], CancellationToken.None));

        Assert.Equal(new[] { held.Id, manualRunning.Id }.Order(), await ListAsync(TaskItemStatus.Running));
        Assert.Equal(new[] { waiting.Id, manualPending.Id }.Order(), await ListAsync(TaskItemStatus.Pending));
        Assert.Equal(new[] { held.Id, waiting.Id, manualPending.Id, manualRunning.Id }.Order(), await ListAsync(TaskItemStatus.Pending, TaskItemStatus.Running));
        Assert.Equal([held.Id], await ListAsync(TaskItemStatus.Running, TaskItemStatus.Done, kind: Kind));
        Assert.Equal([held.Id], await ListAsync(new ListTasksQuery(OwnerId: SystemActors.Engine.UserId)));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private ServiceProvider Provider => _providers[^1];

    /// <summary>
    /// The invariant, over the whole database: an item for exactly the automated, pending (or held: their rows read
    /// pending), unarchived tasks, with their kind, priority, age and submitter, its holder and claim time set together.
    /// </summary>
    private async Task AssertItemsMatchTheirTasksAsync() =>
        Assert.Equal([0L], await ColumnAsync<long>(
            """
            SELECT count(*) FROM tasks AS task FULL JOIN work_items AS item ON item.id = task.id
            WHERE (item.id IS NULL) = (task.kind <> 'manual' AND task.status = 'pending' AND task.archived_at IS NULL)
               OR item.kind <> task.kind OR item.priority <> task.priority OR item.created_at <> task.created_at
               OR item.created_by <> task.created_by OR item.run_after IS DISTINCT FROM task.run_after
               OR (item.leased_by IS NULL) <> (item.leased_at IS NULL)
            """));

    /// <summary>As a command handler changes a task: found through the repository (a held task reads running), saved through the unit of work.</summary>
    private async Task ChangeHeldAsync(Guid taskId, Action<TaskItem> change)
    {
        await using var scope = Provider.CreateAsyncScope();
        var task = await scope.ServiceProvider.GetRequiredService<ITaskRepository>().FindAsync(taskId, CancellationToken.None);
        change(task!);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }

    private async Task<Guid[]> ListAsync(params TaskItemStatus[] statuses) => await ListAsync(statuses, kind: null);

    private async Task<Guid[]> ListAsync(TaskItemStatus first, TaskItemStatus second, string kind) => await ListAsync([first, second], kind);

    private Task<Guid[]> ListAsync(TaskItemStatus[] statuses, string? kind) => ListAsync(new ListTasksQuery(Status: statuses, Kind: kind));

    private async Task<Guid[]> ListAsync(ListTasksQuery query)
    {
        await using var scope = Provider.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ITaskRepository>().ListAsync(query, new TaskVisibility(AllTeams: true, new HashSet<Guid>()), CancellationToken.None);
        return [.. page.Items.Select(task => task.Id).Order()];
    }

    private TaskQueue Queue()
    {
        var provider = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services => services.AddSingleton<TimeProvider>(_clock).AddSingleton<LeaseHeartbeat>());
        _providers.Add(provider);
        return provider.GetRequiredService<TaskQueue>();
    }

    private async Task<TaskItem> AddAutomatedAsync(Actor creator, TaskPriority priority = TaskPriority.Normal, DateTimeOffset? runAfter = null, int maxAttempts = 3)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create("An automated task", null, priority, null, false, creator, Now, automation: new TaskAutomation(Kind, null, maxAttempts, runAfter));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}
