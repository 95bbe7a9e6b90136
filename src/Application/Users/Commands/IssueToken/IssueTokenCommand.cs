using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Commands.IssueToken;

/// <summary>Signs in with email and password and returns an access token.</summary>
/// <param name="Email">The account's email.</param>
/// <param name="Password">The account's password.</param>
public sealed record IssueTokenCommand(string Email, string Password) : IRequest<AccessTokenDto>;

public sealed class IssueTokenCommandHandler(IUserRepository users, IPasswordHasher passwordHasher, IAccessTokenIssuer tokenIssuer)
    : IRequestHandler<IssueTokenCommand, AccessTokenDto>
{
    public async Task<AccessTokenDto> Handle(IssueTokenCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        var passwordMatches = passwordHasher.Verify(user?.PasswordHash, request.Password);
        if (user is null || !passwordMatches)
        {
            throw UnauthorizedException.InvalidCredentials();
        }

        var token = tokenIssuer.Issue(user);
        return new AccessTokenDto { AccessToken = token.Token, ExpiresIn = token.ExpiresInSeconds };
    }
}
