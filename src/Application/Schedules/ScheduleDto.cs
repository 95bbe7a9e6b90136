namespace TaskOrchestration.Application.Schedules;

/// <summary>A scheduled job: its schedule, when it runs next, and how its last run went.</summary>
public sealed class ScheduleDto
{
    /// <summary>The job's name, also its configuration key (<c>Schedules:{name}</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Its cron expression: five fields (minute hour day-of-month month day-of-week), or six with seconds first.</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA time zone the expression is read in ("UTC", "Europe/Paris").</summary>
    public required string TimeZone { get; init; }

    /// <summary>False: the job is configured off and does not run.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Its next slot (UTC); null when it is disabled or its expression never fires again.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>Its latest run; null when it never ran.</summary>
    public ScheduleRunDto? LastRun { get; init; }
}

/// <summary>One run of a scheduled job: the slot it ran for, by whom, and how it ended.</summary>
public sealed class ScheduleRunDto
{
    /// <summary>The scheduled time it ran for (UTC).</summary>
    public required DateTimeOffset Slot { get; init; }

    /// <summary>When a worker claimed the slot and started it.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended; null while it runs, or if its worker died.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How it ended, or running, or abandoned (its worker stopped sending heartbeats before it ended).</summary>
    public required ScheduleRunOutcome Outcome { get; init; }

    /// <summary>The job's own one-line account of a successful run ("12 tasks flagged overdue.").</summary>
    public string? Summary { get; init; }

    /// <summary>Why a failed run failed: the exception's type and message.</summary>
    public string? Error { get; init; }

    /// <summary>The worker process that ran it (as GET /api/v1/workers names it).</summary>
    public required string Runner { get; init; }
}

/// <summary>Where a run of a scheduled job stands.</summary>
public enum ScheduleRunOutcome
{
    /// <summary>It is running: its worker's heartbeats arrive.</summary>
    Running,

    /// <summary>It ended without an error.</summary>
    Succeeded,

    /// <summary>The job threw, or its worker stopped it on shutdown.</summary>
    Failed,

    /// <summary>Its worker stopped sending heartbeats before it ended (it died): the slot is not run again; the next slot catches up.</summary>
    Abandoned,
}
