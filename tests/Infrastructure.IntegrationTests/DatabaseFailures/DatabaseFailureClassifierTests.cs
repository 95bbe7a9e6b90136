using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests.DatabaseFailures;

/// <summary>
/// Which failures pass by themselves, as EF Core and Npgsql really raise them (wrapped or not), and which do not.
/// </summary>
public sealed class DatabaseFailureClassifierTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private readonly DatabaseFailureClassifier _classifier = new();

    [Fact]
    public async Task AQuery_OnAConnectionWhoseServerProcessWasStopped_IsTransient()
    {
        await using var db = Database.CreateDbContext();
        await Backends.TerminateAsync(Database, db);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.Tasks.CountAsync());

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(failure));
    }

    [Fact]
    public async Task ASave_InATransactionWhoseServerProcessWasStopped_IsTransient()
    {
        var creator = await AddUserAsync();
        await using var db = Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Backends.TerminateAsync(Database, db);
        db.Tasks.Add(TaskItem.Create("Lost", null, TaskPriority.Normal, null, asDraft: false, creator, Now));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None));

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(failure));
    }

    [Fact]
    public async Task AServerThatRefusesConnections_IsTransient()
    {
        await using var db = Backends.ContextOnAClosedPort(Database);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.Tasks.CountAsync());

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(failure));
    }

    [Fact]
    public async Task ACommandThatOutlastsItsTimeout_IsATimeout()
    {
        await using var db = Database.CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(10)"));

        Assert.Equal(DatabaseFailureKind.TimedOut, _classifier.Classify(failure));
    }

    [Fact]
    public async Task ARuleTheDatabaseEnforces_IsNotTransient()
    {
        await using var db = Database.CreateDbContext();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO tasks (id) VALUES (NULL)"));

        Assert.Equal(DatabaseFailureKind.None, _classifier.Classify(failure));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    [InlineData(PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    public void TheServerSayingItIsAwayForNow_OrThatThisTransactionLostARace_IsTransient_HoweverWrapped(string sqlState)
    {
        var postgres = new PostgresException("refused", "FATAL", "FATAL", sqlState);

        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(postgres));
        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(new DbUpdateException("save failed", postgres)));
        Assert.Equal(DatabaseFailureKind.Transient, _classifier.Classify(
            new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new DbUpdateException("save failed", postgres))));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.CheckViolation)]
    [InlineData(DatabaseRuleViolations.TaskAlreadyTakenSqlState)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    [InlineData(PostgresErrorCodes.InvalidPassword)]
    [InlineData(PostgresErrorCodes.InvalidCatalogName)]
    [InlineData(PostgresErrorCodes.QueryCanceled)]
    public void AnyOtherAnswerOfTheServer_IsNotTransient(string sqlState) =>
        Assert.Equal(DatabaseFailureKind.None, _classifier.Classify(new DbUpdateException("save failed", new PostgresException("refused", "ERROR", "ERROR", sqlState))));

    [Fact]
    public void ExceptionsThatAreNotTheDatabases_AreNotTransient()
    {
        Assert.Equal(DatabaseFailureKind.None, _classifier.Classify(new InvalidOperationException("a bug")));
        Assert.Equal(DatabaseFailureKind.None, _classifier.Classify(new TimeoutException("an HTTP call took too long")));
        Assert.Equal(DatabaseFailureKind.None, _classifier.Classify(new IOException("a file")));
    }
}
