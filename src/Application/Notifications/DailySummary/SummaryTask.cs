namespace TaskOrchestration.Application.Notifications.DailySummary;

/// <summary>One task in one person's daily summary.</summary>
/// <param name="UserId">Whose summary it belongs in.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Title">Its title.</param>
/// <param name="DueDate">When it is due, if anyone said.</param>
public sealed record SummaryTask(Guid UserId, Guid TaskId, string Title, DateTimeOffset? DueDate);
