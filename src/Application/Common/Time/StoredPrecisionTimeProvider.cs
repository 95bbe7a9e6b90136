namespace TaskOrchestration.Application.Common.Time;

/// <summary>
/// The system clock at the precision the database keeps (PostgreSQL's timestamptz: microseconds). Everything the
/// Application stamps is stored, and a write answers what it stamped: at the clock's 100 ns ticks, the answer to a
/// POST would differ from every later read of the same resource in its seventh decimal.
/// </summary>
public sealed class StoredPrecisionTimeProvider : TimeProvider
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1_000;

    public static new StoredPrecisionTimeProvider System { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TicksPerMicrosecond));
    }
}
