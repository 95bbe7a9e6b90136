namespace TaskOrchestration.Domain.Common;

/// <summary>
/// The consistency boundary: every change goes through its methods, and every write is guarded by
/// <see cref="Version"/>, an optimistic concurrency token maintained by the database.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public Guid Id { get; protected init; }

    /// <summary>Changes on every committed write; a write from a stale version is refused.</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}
