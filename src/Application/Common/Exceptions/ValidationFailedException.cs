namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The request broke one or more input rules; <see cref="Errors"/> lists every failure per field.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, string? code = null)
        : base("One or more validation errors occurred.")
    {
        Errors = errors;
        Code = code;
    }

    /// <summary>Failures keyed by the camelCase name of the field (as clients send it).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>A stable code more specific than the general validation one, when every failure is of one such rule; otherwise null.</summary>
    public string? Code { get; }
}
