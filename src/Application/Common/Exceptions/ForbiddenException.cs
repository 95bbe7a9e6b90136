namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The caller is signed in but may not do this.</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static ForbiddenException RoleRequired() =>
        new("role_required", "Your role does not allow this.");
}
