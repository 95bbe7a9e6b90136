namespace TaskOrchestration.Domain.Common;

/// <summary>Raised when an operation would break a business rule; the aggregate is left unchanged.</summary>
public sealed class DomainException : Exception
{
    public DomainException(DomainError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public DomainError Error { get; }
}
