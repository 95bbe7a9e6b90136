using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Idempotency;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests.DatabaseFailures;

/// <summary>
/// The unit of work counts what may have committed (the retry behaviour runs a request again only when nothing did):
/// every commit sent, and every statement but a query sent outside a transaction; a query, or a statement of a
/// transaction that does not commit, counts nothing.
/// </summary>
public sealed class CommitRecorderTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Queries_CommitNothing()
    {
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();

        await db.Tasks.Include(task => task.History).ToListAsync();
        await db.Users.CountAsync();

        Assert.Equal(new UnitOfWorkCheckpoint(0, InTransaction: false), Checkpoint(db));
    }

    [Fact]
    public async Task ASaveWithEvents_SendsTheCommitOfItsOwnTransaction()
    {
        var creator = await AddUserAsync();
        await using var db = Database.CreateDbContext();
        db.Tasks.Add(TaskItem.Create("Counted", null, TaskPriority.Normal, null, asDraft: false, creator, Now));

        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(new UnitOfWorkCheckpoint(1, InTransaction: false), Checkpoint(db));
    }

    [Fact]
    public async Task ASaveOfOneStatementWithoutEvents_CountsOnce_WhetherOrNotEfWrapsItInATransaction()
    {
        var person = await AddPersonAsync("Ada");
        await using var db = Database.CreateDbContext();
        (await db.Users.SingleAsync(user => user.Id == person.Id)).ChangeDisplayName("Ada L.");

        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);

        Assert.Equal(1, Checkpoint(db).CommitsSent);
    }

    [Fact]
    public async Task WritesOutsideATransaction_EachCommitByThemselves()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();

        await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(set => set.SetProperty(t => t.Title, "Renamed"));
        await db.Database.ExecuteSqlAsync($"UPDATE tasks SET description = 'Described' WHERE id = {task.Id}");
        await db.Tasks.Where(t => t.Id == Guid.Empty).ExecuteDeleteAsync();

        Assert.Equal(3, Checkpoint(db).CommitsSent);
    }

    [Fact]
    public async Task AnOpenTransaction_IsReported_AndItsStatementsCountOnlyWhenItCommits()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE tasks SET title = 'Rolled back' WHERE id = {task.Id}");
            db.Tasks.Add(TaskItem.Create("Rolled back too", null, TaskPriority.Normal, null, asDraft: false, creator, Now));
            await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
            Assert.Equal(new UnitOfWorkCheckpoint(0, InTransaction: true), Checkpoint(db));
            await transaction.RollbackAsync();
        }

        Assert.Equal(new UnitOfWorkCheckpoint(0, InTransaction: false), Checkpoint(db));

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE tasks SET title = 'Committed' WHERE id = {task.Id}");
            await transaction.CommitAsync();
        }

        Assert.Equal(new UnitOfWorkCheckpoint(1, InTransaction: false), Checkpoint(db));
    }

    [Fact]
    public async Task ACommitThatBreaksOnTheWay_StillCounts_ItsOutcomeIsUnknown()
    {
        var creator = await AddUserAsync();
        await using var db = Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Tasks.Add(TaskItem.Create("Never committed", null, TaskPriority.Normal, null, asDraft: false, creator, Now));
        await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
        await Backends.TerminateAsync(Database, db);

        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());

        Assert.Equal(1, Checkpoint(db).CommitsSent);
    }

    [Fact]
    public async Task AConnectionThatCannotBeOpened_SendsNothing()
    {
        var creator = await AddUserAsync();
        await using var db = Backends.ContextOnAClosedPort(Database);
        db.Tasks.Add(TaskItem.Create("Nowhere", null, TaskPriority.Normal, null, asDraft: false, creator, Now));

        await Assert.ThrowsAnyAsync<Exception>(() => ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None));

        Assert.Equal(new UnitOfWorkCheckpoint(0, InTransaction: false), Checkpoint(db));
    }

    [Fact]
    public async Task AnIdempotentCommand_CommitsItsKeyAndItsChangeOnce()
    {
        var creator = await AddUserAsync();
        await using var db = Database.CreateDbContext();
        var store = new IdempotencyStore(db);
        var claim = new IdempotencyClaim(creator.UserId, "CreateTaskCommand", "key-1", "print", Now, Now.AddHours(24));

        await store.RunOnceAsync(
            claim,
            async () =>
            {
                db.Tasks.Add(TaskItem.Create("Keyed", null, TaskPriority.Normal, null, asDraft: false, creator, Now));
                await ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None);
                return "{}";
            },
            CancellationToken.None);

        Assert.Equal(new UnitOfWorkCheckpoint(1, InTransaction: false), Checkpoint(db));
    }

    private static UnitOfWorkCheckpoint Checkpoint(ApplicationDbContext db) => ((IUnitOfWork)db).Checkpoint();
}
