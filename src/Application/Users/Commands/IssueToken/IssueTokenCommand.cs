using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.Users.Sessions;

namespace TaskOrchestration.Application.Users.Commands.IssueToken;

/// <summary>Signs in with email and password and starts a session.</summary>
/// <param name="Email">The account's email.</param>
/// <param name="Password">The account's password.</param>
public sealed record IssueTokenCommand(string Email, string Password) : IRequest<AccessTokenDto>;

/// <remarks>
/// Every refusal is the same answer (unknown email, wrong password, locked or deactivated account), and an unknown
/// email still costs a password check, so neither the answer nor its timing tells which accounts exist.
/// </remarks>
public sealed class IssueTokenCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    SessionTokens sessionTokens,
    IUnitOfWork unitOfWork,
    SessionSettings settings,
    TimeProvider clock)
    : IRequestHandler<IssueTokenCommand, AccessTokenDto>
{
    public async Task<AccessTokenDto> Handle(IssueTokenCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        var passwordMatches = passwordHasher.Verify(user?.PasswordHash, request.Password);
        if (user is null || !user.IsActive || user.IsLockedOut(now))
        {
            throw UnauthorizedException.InvalidCredentials();
        }

        if (!passwordMatches)
        {
            await users.RecordFailedSignInAsync(user.Id, now, settings.MaxFailedSignIns, settings.LockoutDuration, cancellationToken);
            throw UnauthorizedException.InvalidCredentials();
        }

        // Guesses sent together with this request may have locked the account since it was read.
        if (!await users.TryRecordSuccessfulSignInAsync(user.Id, now, cancellationToken))
        {
            throw UnauthorizedException.InvalidCredentials();
        }

        var tokens = sessionTokens.Issue(user, Guid.CreateVersion7(now));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return tokens;
    }
}
