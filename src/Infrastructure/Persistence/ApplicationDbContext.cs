using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Comments;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>The EF Core unit of work over PostgreSQL; one instance per request.</summary>
public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : DbContext(options), IUnitOfWork
{
    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskHistoryEntry> TaskHistory => Set<TaskHistoryEntry>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TaskComment> Comments => Set<TaskComment>();

    internal DbSet<TagUsageCount> TagUsageCounts => Set<TagUsageCount>();

    internal DbSet<WorkerRecord> Workers => Set<WorkerRecord>();

    internal DbSet<PausedKind> PausedKinds => Set<PausedKind>();

    internal DbSet<IdempotencyKeyRecord> IdempotencyKeys => Set<IdempotencyKeyRecord>();

    async Task IUnitOfWork.SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ConflictException.Concurrency();
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException postgres)
        {
            throw DatabaseRuleViolations.ToConflict(postgres) ?? (Exception)exception;
        }

        // Events are raised for the transactional outbox, which records them in this same transaction
        // (docs/adr/0004); until it exists, a committed change has nothing left to do with them.
        foreach (var aggregate in ChangeTracker.Entries<AggregateRoot>())
        {
            aggregate.Entity.ClearDomainEvents();
        }
    }

    void IUnitOfWork.DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<TaskItemStatus>().HaveConversion<LowerCaseEnumConverter<TaskItemStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<TaskTrigger>().HaveConversion<LowerCaseEnumConverter<TaskTrigger>>().HaveMaxLength(16);
        configurationBuilder.Properties<TaskHistoryKind>().HaveConversion<LowerCaseEnumConverter<TaskHistoryKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<UserRole>().HaveConversion<LowerCaseEnumConverter<UserRole>>().HaveMaxLength(16);
    }
}
