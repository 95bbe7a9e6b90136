namespace TaskOrchestration.Domain.Common;

/// <summary>A broken business rule, with a stable machine-readable <paramref name="Code"/> that clients may rely on.</summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind);
