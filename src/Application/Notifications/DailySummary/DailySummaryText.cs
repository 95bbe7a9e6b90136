using System.Globalization;
using System.Text;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications.DailySummary;

/// <summary>What one person's daily summary says: counts in the title, the tasks themselves in the body.</summary>
public static class DailySummaryText
{
    /// <summary>Tasks listed per section; the rest are counted.</summary>
    public const int ListedPerSection = 10;

    /// <summary>The summary of <paramref name="open"/> and <paramref name="completed"/> at <paramref name="slot"/>; null when there is nothing to report.</summary>
    public static NotificationText? For(IReadOnlyCollection<SummaryTask> open, IReadOnlyCollection<SummaryTask> completed, DateTimeOffset slot)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(completed);
        if (open.Count == 0 && completed.Count == 0)
        {
            return null;
        }

        var overdue = open.Count(task => task.DueDate < slot);
        var title = $"Your daily summary: {Count(open.Count, "open task")}{(overdue > 0 ? $" ({overdue} overdue)" : string.Empty)}, {completed.Count} completed";
        var body = new StringBuilder();
        if (open.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"Open ({open.Count}{(overdue > 0 ? $", {overdue} overdue" : string.Empty)}):\n");
            // What is late first, then what is due soonest, then the rest.
            var ordered = open.OrderBy(task => task.DueDate is null).ThenBy(task => task.DueDate).ThenBy(task => task.Title, StringComparer.Ordinal);
            AppendList(body, ordered, open.Count, task => task.DueDate switch
            {
                { } due when due < slot => $" (overdue since {Day(due)})",
                { } due => $" (due {Day(due)})",
                _ => string.Empty,
            });
        }

        if (completed.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"{(body.Length > 0 ? "\n" : string.Empty)}Completed in the last 24 hours ({completed.Count}):\n");
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

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
