namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>The section <c>Schedules</c>: each job's schedule under its name (<c>Schedules:cleanup:Cron</c>); docs/configuration.md lists them.</summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Schedules";

    /// <summary>The schedules by job name (configuration keys ignore case, so the names here do too).</summary>
    public Dictionary<string, JobScheduleOptions> Jobs { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One job's schedule, as configured.</summary>
public sealed class JobScheduleOptions
{
    /// <summary>A cron expression: five fields (minute hour day-of-month month day-of-week), or six with seconds first.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone the expression is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>False keeps the job from running (GET /api/v1/schedules still lists it).</summary>
    public bool Enabled { get; set; } = true;
}
