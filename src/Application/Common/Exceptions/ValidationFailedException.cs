namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The request broke one or more input rules; <see cref="Errors"/> lists every failure per field.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more validation errors occurred.")
    {
        Errors = errors;
    }

    /// <summary>Failures keyed by the camelCase name of the field (as clients send it).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
