namespace TaskOrchestration.Infrastructure.Persistence.ReadModels;

/// <summary>A kind operators paused: no worker claims its tasks until it is resumed (running ones finish).</summary>
internal sealed class PausedKind
{
    public PausedKind(string kind, Guid pausedBy, DateTimeOffset pausedAt)
    {
        Kind = kind;
        PausedBy = pausedBy;
        PausedAt = pausedAt;
    }

    public string Kind { get; private set; }

    public Guid PausedBy { get; private set; }

    public DateTimeOffset PausedAt { get; private set; }
}
