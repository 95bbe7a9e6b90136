namespace TaskOrchestration.Application.Common.Scheduling;

/// <summary>How a scheduled run ended well.</summary>
/// <param name="Text">One line, kept with the run and shown by GET /api/v1/schedules ("12 tasks flagged overdue.").</param>
/// <param name="Changes">
/// How many things the run changed or sent. A run that changed nothing is logged at Debug only, so that a job scheduled
/// every minute keeps the console quiet until it has something to say.
/// </param>
public sealed record JobRunSummary(string Text, int Changes);
