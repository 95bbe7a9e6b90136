using System.Text.RegularExpressions;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// What makes a task automated: the kind of handler that runs it, the JSON input it is given, how many attempts it
/// gets, and when it may run first. A task without one is a manual task, for people.
/// </summary>
public sealed partial record TaskAutomation
{
    public const string ManualKind = "manual";
    public const int KindMaxLength = 100;
    public const int InputMaxBytes = 64 * 1024;
    public const int DefaultMaxAttempts = 3;
    public const int MaxAttemptsLimit = 100;

    public TaskAutomation(string kind, string? input = null, int maxAttempts = DefaultMaxAttempts, DateTimeOffset? runAfter = null)
    {
        if (!IsValidKind(kind) || kind == ManualKind)
        {
            throw new DomainException(TaskErrors.InvalidKind);
        }

        if (maxAttempts is < 1 or > MaxAttemptsLimit)
        {
            throw new DomainException(TaskErrors.InvalidMaxAttempts);
        }

        Kind = kind;
        Input = CheckInput(input);
        MaxAttempts = maxAttempts;
        RunAfter = runAfter;
    }

    public string Kind { get; }

    public string? Input { get; }

    public int MaxAttempts { get; }

    public DateTimeOffset? RunAfter { get; }

    /// <summary>Whether <paramref name="kind"/> names an automated kind (anything but manual, or no kind at all).</summary>
    public static bool IsAutomatedKind(string? kind) => kind is not null && kind != ManualKind;

    /// <summary>Lower-case letters, digits, '.', '-' and '_', starting with a letter or digit: "demo.title-parity".</summary>
    public static bool IsValidKind(string? kind) => kind is { Length: > 0 and <= KindMaxLength } && KindPattern().IsMatch(kind);

    private static string? CheckInput(string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(json) > InputMaxBytes)
        {
            throw new DomainException(TaskErrors.InvalidInput);
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return json;
        }
        catch (System.Text.Json.JsonException)
        {
            throw new DomainException(TaskErrors.InvalidInput);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex KindPattern();
}
