using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Comments;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Email;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;
using TaskOrchestration.Infrastructure.Realtime;
using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// The EF Core unit of work over PostgreSQL; one per request or background step, taken from a pool
/// (<c>AddDbContextPool</c>), which resets it between uses.
/// </summary>
/// <param name="options">The EF Core options.</param>
public sealed class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options) : DbContext(options), IUnitOfWork
{
    // Only ever compared with a later value of the same use (a checkpoint), so a pooled instance need not reset it.
    private long _commitsSent;

    // The queues the current transaction gave work to, announced when it commits (QueueWake). A pooled instance
    // returned with some left (a transaction disposed without commit or rollback) announces them with its next commit:
    // one look too many, which costs a claim that finds nothing.
    private WokenQueues _wakeOnCommit;

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskHistoryEntry> TaskHistory => Set<TaskHistoryEntry>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TaskComment> Comments => Set<TaskComment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    internal DbSet<TagUsageCount> TagUsageCounts => Set<TagUsageCount>();

    internal DbSet<WorkerRecord> Workers => Set<WorkerRecord>();

    internal DbSet<PausedKind> PausedKinds => Set<PausedKind>();

    internal DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();

    internal DbSet<IdempotencyKeyRecord> IdempotencyKeys => Set<IdempotencyKeyRecord>();

    internal DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    internal DbSet<ConsumedEvent> ConsumedEvents => Set<ConsumedEvent>();

    internal DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();
    internal DbSet<ScheduleRun> ScheduleRuns => Set<ScheduleRun>();

    /// <summary>
    /// Saves, with the events the changed aggregates raised written to the outbox in the same transaction (ADR 0016):
    /// either the change and its events are committed, or neither. A change of what a user may see (their teams,
    /// role, or deactivation) goes onto the live-update backplane in that transaction too, so that every API instance
    /// ends the user's live connections once it is committed (ADR 0018), and so does the announcement that an automated
    /// task became runnable, which wakes idle workers (EngineWake, ADR 0014). The events are cleared once committed.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // No savepoint around a save inside a transaction: no transaction here goes on after one of its saves failed
        // (it is rolled back whole), so EF's SAVEPOINT and RELEASE were two round trips of every write for nothing.
        // Set on each save, since a pooled context's reset turns it back on.
        Database.AutoSavepointsEnabled = false;
        // Read once: each ChangeTracker.Entries() runs EF's change detection over every tracked entity again.
        var entries = ChangeTracker.Entries().ToList();
        var aggregates = entries.Select(entry => entry.Entity).OfType<AggregateRoot>().Where(aggregate => aggregate.DomainEvents.Count > 0).ToList();
        var queues = QueuesGivenWork(entries, aggregates);
        if (aggregates.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            WakeOnCommit(queues);
            return saved;
        }

        // Inside the caller's transaction when there is one (it commits); otherwise in one of our own.
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // Automated tasks' work items: deleted or changed before the tasks are written (the lock order WorkItemWrites
        // keeps with the engine), added after them.
        var beforeSave = new StatementBatch();
        var follow = new StatementBatch();
        var freeWhenRead = WorkItemWrites.AddForSave(this, entries, beforeSave, follow);
        await WorkItemWrites.DeleteUnheldAsync(this, freeWhenRead, cancellationToken);
        await beforeSave.ExecuteAsync(this, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        Guid[] accessChanged = [.. aggregates.SelectMany(aggregate => aggregate.DomainEvents.OfType<UserAccessChanged>()).Select(change => change.UserId).Distinct()];
        // What follows the save (work items added, its events, access changes, engine announcement) goes in one round trip.
        OutboxWriter.Add(follow, aggregates.SelectMany(aggregate => aggregate.DomainEvents.OfType<ITaskEvent>()));
        LiveAccessChanges.Add(follow, accessChanged);
        EngineWake.Announce(follow, aggregates.OfType<TaskItem>());
        await follow.ExecuteAsync(this, cancellationToken);
        WakeOnCommit(queues);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            // Committed: this instance's next request must not use what it cached before (the NOTIFY reaches the
            // others, and this one too, a moment later). Inside a caller's transaction, the NOTIFY alone does it.
            var accessStates = AccessStates;
            foreach (var userId in accessChanged)
            {
                accessStates?.Forget(userId);
            }
        }

        foreach (var aggregate in aggregates)
        {
            aggregate.ClearDomainEvents();
        }

        return written;
    }

    /// <summary>Every save goes through the outbox, which is asynchronous: the synchronous save is not offered.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: it writes the outbox in the same transaction.");

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
    }

    void IUnitOfWork.DiscardChanges() => ChangeTracker.Clear();

    UnitOfWorkCheckpoint IUnitOfWork.Checkpoint() => new(_commitsSent, Database.CurrentTransaction is not null);

    /// <summary>
    /// The API's cache of access states, to forget a changed user's at once; absent in design-time tooling and tests
    /// that build the context by hand. A pooled context's constructor takes only its options, so the cache is found
    /// among the application's services that the options carry.
    /// </summary>
    private AccessStateCache? AccessStates =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AccessStateCache>();

    /// <summary>Called by <see cref="CommitRecorder"/> before a statement that may commit is sent.</summary>
    internal void RecordCommitSent() => _commitsSent++;

    /// <summary>
    /// Notes that this unit of work gave <paramref name="queues"/> work: announced once its transaction commits
    /// (<see cref="TransactionEnded"/>), or now when none is open (the write committed by itself).
    /// </summary>
    internal void WakeOnCommit(WokenQueues queues)
    {
        _wakeOnCommit |= queues;
        if (Database.CurrentTransaction is null)
        {
            TransactionEnded(committed: true);
        }
    }

    /// <summary>Called by <see cref="CommitRecorder"/> when this context's transaction committed or rolled back.</summary>
    internal void TransactionEnded(bool committed)
    {
        var queues = _wakeOnCommit;
        _wakeOnCommit = WokenQueues.None;
        if (committed && queues != WokenQueues.None)
        {
            this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<QueueWake>()?.Announce(queues);
        }
    }

    /// <summary>The queues a save gives work to: events for the outbox, emails, webhook deliveries.</summary>
    private static WokenQueues QueuesGivenWork(List<EntityEntry> entries, List<AggregateRoot> aggregates)
    {
        var queues = aggregates.Any(aggregate => aggregate.DomainEvents.OfType<ITaskEvent>().Any()) ? WokenQueues.Outbox : WokenQueues.None;
        foreach (var entry in entries)
        {
            if (entry.State == EntityState.Added)
            {
                queues |= entry.Entity switch
                {
                    OutgoingEmail => WokenQueues.Emails,
                    WebhookDelivery => WokenQueues.Webhooks,
                    _ => WokenQueues.None,
                };
            }
        }

        return queues;
    }

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
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
