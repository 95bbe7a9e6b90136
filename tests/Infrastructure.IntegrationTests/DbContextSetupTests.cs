using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// How AddInfrastructure sets up the unit of work for the hot path (docs/performance.md): contexts come from a pool,
/// statements sent often are prepared, pooled connections are not reset on their return, and a pooled context still
/// reaches the API's cache of access states.
/// </summary>
public sealed class DbContextSetupTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task AScope_ReusesTheContextThatAnEndedScopeGaveBack_WithNothingTracked()
    {
        await using var services = Services(Database.ConnectionString);
        ApplicationDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            first.Users.Add(User.Register("pooled@example.com", "Pooled", "hash", UserRole.Member, Now));
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            Assert.Same(first, second);
            Assert.Empty(second.ChangeTracker.Entries());
        }
    }

    [Theory]
    [InlineData("", PreparedStatements.PerConnection)]
    [InlineData(";Max Auto Prepare=0", 0)]
    [InlineData(";MaxAutoPrepare=7", 7)]
    public async Task StatementsArePrepared_UnlessTheConnectionStringSetsHowMany(string setting, int expected)
    {
        await using var services = Services(Database.ConnectionString + setting);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(";No Reset On Close=false", false)]
    public async Task APooledConnection_IsNotResetOnItsReturn_UnlessTheConnectionStringSaysSo(string setting, bool expected)
    {
        await using var services = Services(Database.ConnectionString + setting);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).NoResetOnClose);
    }

    [Fact]
    public async Task AStatementSentOftenOnAConnection_IsPreparedThere()
    {
        await using var services = Services(Database.ConnectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.Database.OpenConnectionAsync();

        for (var sent = 0; sent < 6; sent++)
        {
            await db.Users.CountAsync(user => user.Email == "nobody@example.com");
        }

        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains("FROM users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APooledContext_ThatCommitsARoleChange_ForgetsTheUsersCachedAccessAtOnce()
    {
        var user = User.Register("demoted@example.com", "Demoted", "hash", UserRole.Admin, Now);
        await using (var setup = Database.CreateDbContext())
        {
            setup.Users.Add(user);
            await setup.SaveChangesAsync();
        }

        await using var services = Services(Database.ConnectionString);
        var cache = services.GetRequiredService<AccessStateCache>();
        cache.Resume();
        var session = Guid.NewGuid();
        cache.Store(user.Id, session, new AccessState(UserRole.Admin, IsUserActive: true, IsSessionOpen: true), cache.BeginRead(user.Id));
        Assert.True(cache.TryGet(user.Id, session, out _));

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = await db.Users.SingleAsync(candidate => candidate.Id == user.Id);
        stored.ChangeRole(UserRole.Member, Now);
        await db.SaveChangesAsync();

        Assert.False(cache.TryGet(user.Id, session, out _));
    }

    [Fact]
    public async Task ASaveInsideATransaction_SendsNoSavepoint()
    {
        var sent = new SentCommands();
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureDbContext(options, Database.ConnectionString);
        await using var db = new ApplicationDbContext(options.AddInterceptors(sent).Options);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Users.Add(User.Register("saved@example.com", "Saved", "hash", UserRole.Member, Now));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Contains(sent.Texts, text => text.Contains("INSERT INTO users", StringComparison.Ordinal));
        Assert.DoesNotContain(sent.Texts, text => text.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase));
    }

    private static ServiceProvider Services(string connectionString) =>
        InfrastructureServices.Build(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });

    /// <summary>Every statement the context sends, savepoints (which Npgsql sends without a command) included.</summary>
    private sealed class SentCommands : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public List<string> Texts { get; } = [];

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Texts.Add("SAVEPOINT");
            return ValueTask.FromResult(result);
        }
    }
}
