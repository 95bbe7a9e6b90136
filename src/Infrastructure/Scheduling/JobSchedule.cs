using Cronos;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// A job's schedule, parsed: which slots (instants) its cron expression gives in its time zone. Daylight-saving
/// changes are Cronos's: a local time that does not exist (the hour skipped in spring) fires at the first instant
/// after it, and a local time that happens twice (the hour repeated in autumn) fires once, at its first occurrence.
/// </summary>
public sealed class JobSchedule
{
    public const int NameMaxLength = 64;

    // How far back the latest slot is looked for, widening only when nothing fired in the narrower window: a
    // schedule that fires every minute is answered from the first, a yearly one from the fifth; "29 February" needs
    // up to eight years (2096 to 2104).
    private static readonly TimeSpan[] Lookbacks =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(8 * 366),
    ];

    private readonly CronExpression _expression;

    private JobSchedule(string name, string cron, CronExpression expression, TimeZoneInfo timeZone, bool enabled)
    {
        Name = name;
        Cron = cron;
        _expression = expression;
        TimeZone = timeZone;
        Enabled = enabled;
    }

    public string Name { get; }

    public string Cron { get; }

    public TimeZoneInfo TimeZone { get; }

    public bool Enabled { get; }

    /// <summary>Parses a job's configured schedule; <paramref name="error"/> says what is wrong when it answers null.</summary>
    public static JobSchedule? TryParse(string name, JobScheduleOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = $"{ScheduleOptions.SectionName}:{name}";
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            error = $"{key}:Cron is not set.";
            return null;
        }

        var cron = options.Cron.Trim();
        CronExpression expression;
        try
        {
            // Six fields: seconds first (what a test of per-second slots needs); otherwise the usual five.
            var format = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            expression = CronExpression.Parse(cron, format);
        }
        catch (CronFormatException exception)
        {
            error = $"{key}:Cron '{cron}' is not a cron expression: {exception.Message}";
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.TimeZone))
        {
            error = $"{key}:TimeZone is empty (leave it out for UTC).";
            return null;
        }

        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"{key}:TimeZone '{options.TimeZone}' is not a known IANA time zone.";
            return null;
        }

        error = null;
        return new JobSchedule(name, cron, expression, timeZone, options.Enabled);
    }

    /// <summary>
    /// The latest slot at or before <paramref name="now"/>: the one slot due now. Earlier slots that did not run are
    /// not due any more (missed slots collapse into the latest). Null when the expression never fired in the lookback.
    /// </summary>
    public DateTimeOffset? LatestSlotAtOrBefore(DateTimeOffset now)
    {
        foreach (var lookback in Lookbacks)
        {
            var latest = _expression.GetNextOccurrence(now - lookback, TimeZone, inclusive: true);
            if (latest is null || latest > now)
            {
                continue;
            }

            // A slot in the window is known; move it forward to the last one by halving the rest of the window, so a
            // dense expression costs a few dozen steps rather than one per slot.
            var limit = now;
            while (_expression.GetNextOccurrence(latest.Value, TimeZone, inclusive: false) is { } next && next <= limit)
            {
                var halfway = next + ((limit - next) / 2);
                if (_expression.GetNextOccurrence(halfway, TimeZone, inclusive: true) is { } later && later <= limit)
                {
                    latest = later;
                }
                else
                {
                    // Nothing fires from halfway to the limit.
                    latest = next;
                    limit = halfway;
                }
            }

            // In UTC: Cronos answers in the schedule's zone, and PostgreSQL's timestamptz takes UTC instants only.
            return latest.Value.ToUniversalTime();
        }

        return null;
    }

    /// <summary>
    /// What a job is told of the slot it runs: <paramref name="slot"/> itself, the schedule's slot before it (from the
    /// cron expression in the schedule's zone, so across a daylight-saving change a daily slot's previous one is 23 or
    /// 25 hours back), and the zone.
    /// </summary>
    public ScheduledSlot ScheduledSlotAt(DateTimeOffset slot) => new(slot.ToUniversalTime(), LatestSlotAtOrBefore(slot - TimeSpan.FromTicks(1)), TimeZone);

    /// <summary>The first slot after <paramref name="now"/>; null when the expression never fires again.</summary>
    public DateTimeOffset? NextSlotAfter(DateTimeOffset now) => _expression.GetNextOccurrence(now, TimeZone, inclusive: false)?.ToUniversalTime();
}
