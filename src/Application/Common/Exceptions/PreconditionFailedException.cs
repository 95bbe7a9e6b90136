namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The caller's expected version (HTTP If-Match) is not the current one.</summary>
public sealed class PreconditionFailedException(uint expectedVersion, uint currentVersion)
    : Exception($"The resource is at version {currentVersion}, not {expectedVersion}; read it again and retry.")
{
    public uint CurrentVersion { get; } = currentVersion;
}
