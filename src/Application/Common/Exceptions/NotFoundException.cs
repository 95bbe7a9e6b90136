namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The resource does not exist (or the caller may not know it does).</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
}
