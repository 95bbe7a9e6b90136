using TaskOrchestration.Application.Common.Scheduling;
using Microsoft.Extensions.Options;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// Refuses to start a host whose schedules are wrong: an expression or time zone that does not parse (in any
/// configured schedule), a registered job without a schedule, two jobs with one name, a name too long to store.
/// </summary>
internal sealed class ScheduleOptionsValidator(IEnumerable<ScheduledJobName> jobs) : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (job, schedule) in options.Jobs)
        {
            if (JobSchedule.TryParse(job, schedule, out var error) is null)
            {
                errors.Add(error!);
            }
        }

        var registered = jobs.Select(job => job.Value).ToList();
        errors.AddRange(registered
            .GroupBy(job => job, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => $"Two scheduled jobs are named '{group.Key}'."));
        errors.AddRange(registered
            .Where(job => string.IsNullOrWhiteSpace(job) || job.Length > JobSchedule.NameMaxLength)
            .Select(job => $"A scheduled job's name must be 1 to {JobSchedule.NameMaxLength} characters: '{job}'."));
        errors.AddRange(registered
            .Where(job => !options.Jobs.ContainsKey(job))
            .Select(job => $"{ScheduleOptions.SectionName}:{job}:Cron is not set: the job '{job}' has no schedule."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
