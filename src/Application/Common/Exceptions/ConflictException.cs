namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The request conflicts with what is stored (a duplicate, or a write that lost a race).</summary>
public sealed class ConflictException(string code, string message) : Exception(message)
{
    public const string ConcurrencyCode = "concurrency_conflict";

    public string Code { get; } = code;

    /// <summary>Someone else changed the resource between this request's read and its write.</summary>
    public static ConflictException Concurrency() =>
        new(ConcurrencyCode, "The resource was changed by someone else; read it again and retry.");
}
