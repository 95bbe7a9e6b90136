using TaskOrchestration.Application.Schedules;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>The scheduled jobs as operators see them: each schedule, its next slot and its last run.</summary>
public interface IScheduleMonitor
{
    /// <summary>Every registered job, in registration order, as it stands at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ScheduleDto>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
