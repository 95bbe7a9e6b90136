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

    /// <summary>
    /// Where the unit of work stands now. Compared with a later reading, it tells whether the work done in between
    /// may have committed anything: only a sent commit, or a write sent outside a transaction, can have.
    /// </summary>
    UnitOfWorkCheckpoint Checkpoint();
}

/// <param name="CommitsSent">
/// How many commits, and writes outside a transaction (each commits by itself), the unit of work has sent to the
/// database so far, whether or not they succeeded.
/// </param>
/// <param name="InTransaction">A transaction is open now.</param>
public readonly record struct UnitOfWorkCheckpoint(long CommitsSent, bool InTransaction);
