namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>
/// The database failed the request for a moment and the request was not (or no longer) run again: the client may
/// repeat it shortly. Answered 503 with a Retry-After.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public const string Code = "database_unavailable";

    private DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The database is still away after the last attempt; nothing of the request was committed.</summary>
    public static DatabaseUnavailableException StillUnavailable(Exception innerException) =>
        new("The database is unavailable for a moment; nothing was changed. Try again shortly.", innerException);

    /// <summary>The database failed while a change may have been committing, so whether it was applied is unknown.</summary>
    public static DatabaseUnavailableException OutcomeUnknown(Exception innerException) =>
        new(
            "The database became unavailable while the change was being saved, so it may or may not have been applied. "
            + "Read the resource again before repeating the change (a creation repeated with the same Idempotency-Key is applied once).",
            innerException);
}
