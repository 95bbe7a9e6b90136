using System.Globalization;
using System.Text;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications.DailySummary;

/// <summary>What one person's daily summary says: counts in the title, the tasks themselves in the body.</summary>
public static class DailySummaryText
{
    /// <summary>Tasks listed per section; the rest are counted.</summary>
    public const int ListedPerSection = 10;

    /// <summary>
    /// The summary of <paramref name="open"/> and of what was <paramref name="completed"/> in <paramref name="period"/>,
    /// with dates in the period's time zone; null when there is nothing to report.
    /// </summary>
    public static NotificationText? For(IReadOnlyCollection<SummaryTask> open, IReadOnlyCollection<SummaryTask> completed, SummaryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(period);
        if (open.Count == 0 && completed.Count == 0)
        {
            return null;
        }

        var overdue = open.Count(task => task.DueDate < period.Until);
        var title = $"Your daily summary: {Count(open.Count, "open task")}{(overdue > 0 ? $" ({overdue} overdue)" : string.Empty)}, {completed.Count} completed";
        var body = new StringBuilder();
        if (open.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"Open ({open.Count}{(overdue > 0 ? $", {overdue} overdue" : string.Empty)}):\n");
            // What is late first, then what is due soonest, then the rest.
            var ordered = open.OrderBy(task => task.DueDate is null).ThenBy(task => task.DueDate).ThenBy(task => task.Title, StringComparer.Ordinal);
            AppendList(body, ordered, open.Count, task => task.DueDate switch
            {
                { } due when due < period.Until => $" (overdue since {Day(due, period.TimeZone)})",
                { } due => $" (due {Day(due, period.TimeZone)})",
                _ => string.Empty,
            });
        }

        if (completed.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"{(body.Length > 0 ? "\n" : string.Empty)}Completed since {Moment(period.Since, period.TimeZone)} ({completed.Count}):\n");
            AppendList(body, completed.OrderBy(task => task.Title, StringComparer.Ordinal), completed.Count, _ => string.Empty);
        }

        return new NotificationText(title, body.ToString().TrimEnd());
    }

    private static void AppendList(StringBuilder body, IEnumerable<SummaryTask> tasks, int count, Func<SummaryTask, string> suffix)
    {
        foreach (var task in tasks.Take(ListedPerSection))
        {
            body.Append(CultureInfo.InvariantCulture, $"- \"{Notification.Shorten(task.Title, 120)}\"{suffix(task)}\n");
        }

        if (count > ListedPerSection)
        {
            body.Append(CultureInfo.InvariantCulture, $"- and {count - ListedPerSection} more\n");
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    // In the schedule's zone: a task due at 23:30 UTC is due the next day for people in Berlin, who get their summary at 08:00 there.
    private static string Day(DateTimeOffset time, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The zone is named: the reader may not be in it, and "08:00" alone would not say which 08:00.
    private static string Moment(DateTimeOffset time, TimeZoneInfo zone) =>
        $"{TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id}";
}
