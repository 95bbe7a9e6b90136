using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// The schedules of the registered jobs (<c>AddScheduledJob</c>), in registration order, parsed once. A schedule
/// for a name no job has is ignored; a job without a valid schedule stops the host at start (see
/// <see cref="ScheduleOptionsValidator"/>).
/// </summary>
public sealed class ScheduleTable
{
    public ScheduleTable(IOptions<ScheduleOptions> options, IEnumerable<ScheduledJobName> registered)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.Jobs;
        All = [.. registered.Select(job => job.Value).Select(name =>
            JobSchedule.TryParse(name, configured.GetValueOrDefault(name) ?? new JobScheduleOptions(), out var error) ?? throw new OptionsValidationException(name, typeof(ScheduleOptions), [error!]))];
        Enabled = [.. All.Where(schedule => schedule.Enabled)];
    }

    public IReadOnlyList<JobSchedule> All { get; }

    public IReadOnlyList<JobSchedule> Enabled { get; }
}
