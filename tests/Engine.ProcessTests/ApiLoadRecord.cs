using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// What the load's clients were answered, counted by operation and status (and problem code), and every write they
/// attempted with whether it was acknowledged, for checking against the database afterwards.
/// </summary>
public sealed class ApiLoadRecord
{
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private long _restartEndedAtTicks = long.MaxValue;
    private int _acknowledgedAfterRestart;

    /// <summary>Answers by "operation status [code]", e.g. "take 200" or "create 409 concurrency_conflict"; a 503 adds the start of its detail.</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    /// <summary>Answers no client may get: a 5xx other than 503 database_unavailable with a Retry-After, or no answer at all.</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Writes acknowledged (2xx) after <see cref="RestartEnded"/> was called.</summary>
    public int AcknowledgedAfterRestart => Volatile.Read(ref _acknowledgedAfterRestart);

    /// <summary>Tasks created without a key: their unique title, and the id when the create was acknowledged.</summary>
    public ConcurrentQueue<(string Title, Guid? Id)> Creates { get; } = new();

    /// <summary>Creates with an Idempotency-Key: the key's title, and every acknowledged answer's id (one per attempt).</summary>
    public ConcurrentDictionary<string, (string Title, ConcurrentQueue<Guid> AcknowledgedIds)> KeyedCreates { get; } = new(StringComparer.Ordinal);

    /// <summary>Edits of a task's description to a unique text, and whether each was acknowledged.</summary>
    public ConcurrentQueue<(Guid TaskId, string Description, bool Acknowledged)> Edits { get; } = new();

    /// <summary>Comments with a unique text, and whether each was acknowledged.</summary>
    public ConcurrentQueue<(Guid TaskId, string Body, bool Acknowledged)> Comments { get; } = new();

    /// <summary>Acknowledged transitions: (task, "take" or "complete").</summary>
    public ConcurrentQueue<(Guid TaskId, string Trigger)> Transitions { get; } = new();

    public void RestartEnded() => Interlocked.Exchange(ref _restartEndedAtTicks, DateTimeOffset.UtcNow.UtcTicks);

    /// <summary>Counts an answer, and keeps it as a violation when no client may get it.</summary>
    public void Count(string operation, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var (code, detail) = status >= 400 ? Problem(body) : (null, null);
        // A 503 says whether the use case was tried to the end, may have been applied, or never reached (the sign-in check).
        var key = code is null ? $"{operation} {status}" : status == 503 ? $"{operation} {status} {code} ({detail?[..Math.Min(detail.Length, 60)]})" : $"{operation} {status} {code}";
        _answers.AddOrUpdate(key, 1, (_, count) => count + 1);
        var properlyUnavailable = response.StatusCode == HttpStatusCode.ServiceUnavailable && code == "database_unavailable" && response.Headers.RetryAfter is not null;
        if (status >= 500 && !properlyUnavailable)
        {
            _violations.Enqueue($"{operation} answered {status} (Retry-After: {response.Headers.RetryAfter}): {body}");
        }

        if (status is >= 200 and < 300 && operation is not ("get" or "list") && DateTimeOffset.UtcNow.UtcTicks > Interlocked.Read(ref _restartEndedAtTicks))
        {
            Interlocked.Increment(ref _acknowledgedAfterRestart);
        }
    }

    /// <summary>A request that got no answer at all (the API closed the connection, or did not answer in time).</summary>
    public void NoAnswer(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _answers.AddOrUpdate($"{operation} no answer", 1, (_, count) => count + 1);
        _violations.Enqueue($"{operation} got no answer: {exception.GetType().Name}: {exception.Message}");
    }

    private static (string? Code, string? Detail) Problem(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return (
                problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null,
                problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
