namespace TaskOrchestration.Application.Common.DatabaseFailures;

/// <summary>
/// Tells a database failure that passes by itself (the server restarting, a dropped connection, a deadlock) from
/// every other exception, so that the Application can retry or answer "unavailable" without knowing the driver.
/// </summary>
public interface IDatabaseFailureClassifier
{
    /// <summary>What <paramref name="exception"/>, or an exception it wraps, says about the database.</summary>
    DatabaseFailureKind Classify(Exception exception);
}

/// <summary>The kinds of failure <see cref="IDatabaseFailureClassifier"/> tells apart.</summary>
public enum DatabaseFailureKind
{
    /// <summary>Not a passing database failure: a bug, a rule, or a lasting misconfiguration.</summary>
    None,

    /// <summary>
    /// The database could not be reached, went away, or gave this transaction up as a deadlock or serialization
    /// victim: the same work may well succeed a moment later.
    /// </summary>
    Transient,

    /// <summary>
    /// The database did not answer in time: unavailable for now, but running the same work again at once would only
    /// add load to a server that is already slow.
    /// </summary>
    TimedOut,
}
