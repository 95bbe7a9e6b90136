namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Commits every change of the current request atomically.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Commits, or throws <see cref="Exceptions.ConflictException"/> when a concurrency token or a unique
    /// constraint refuses the write; in that case nothing is committed.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every loaded entity and uncommitted change, so that the next read sees what is stored now.</summary>
    void DiscardChanges();
}
