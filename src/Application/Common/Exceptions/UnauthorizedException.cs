namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>The caller is not signed in, or their credentials are wrong; <see cref="Code"/> says which.</summary>
public sealed class UnauthorizedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static UnauthorizedException InvalidCredentials() =>
        new("invalid_credentials", "The email or password is incorrect.");

    public static UnauthorizedException NotSignedIn() =>
        new("unauthorized", "Sign in to do this.");
}
