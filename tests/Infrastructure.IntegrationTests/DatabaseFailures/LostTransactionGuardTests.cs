using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests.DatabaseFailures;

/// <summary>
/// A transaction whose connection broke is lost (PostgreSQL rolled it back), and Npgsql does not always say so when it
/// notices (under a restart, a save was seen to return normally while its connection broke). Whatever comes next in
/// that transaction fails as a passing failure that sent nothing, never as a bare "Transaction is already completed".
/// </summary>
public sealed class LostTransactionGuardTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private readonly DatabaseFailureClassifier _classifier = new();

    [Fact]
    public async Task AStatement_InATransactionWhoseConnectionBroke_FailsAsAPassingFailure_AndSendsNothing()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();
        await using var transaction = await BreakInsideATransactionAsync(db);

        var failure = await Assert.ThrowsAsync<TransactionLostException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE tasks SET title = 'Never' WHERE id = {task.Id}"));

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(failure));
        Assert.Equal(0, ((IUnitOfWork)db).Checkpoint().CommitsSent);
    }

    [Fact]
    public async Task TheCommit_OfATransactionWhoseConnectionBroke_IsNotSent_NorCounted()
    {
        await using var db = Database.CreateDbContext();
        await using var transaction = await BreakInsideATransactionAsync(db);

        var failure = await Assert.ThrowsAsync<TransactionLostException>(() => transaction.CommitAsync());

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(failure));
        Assert.Equal(0, ((IUnitOfWork)db).Checkpoint().CommitsSent);
    }

    /// <summary>Opens a transaction, ends its server process, and lets Npgsql notice on a statement whose failure is dropped.</summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BreakInsideATransactionAsync(ApplicationDbContext db)
    {
        var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SELECT 1");
        await Backends.TerminateAsync(Database, db);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT 2"));
        return transaction;
    }
}
