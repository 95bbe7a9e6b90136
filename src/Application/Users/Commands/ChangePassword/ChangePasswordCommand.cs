using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Commands.ChangePassword;

/// <summary>Changes the signed-in user's password; every other session of theirs ends.</summary>
/// <param name="CurrentPassword">The password in use now.</param>
/// <param name="NewPassword">At least 12 characters.</param>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : IRequest<Unit>;

public sealed class ChangePasswordCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    TimeProvider clock)
    : IRequestHandler<ChangePasswordCommand, Unit>
{
    public async Task<Unit> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var user = await users.FindAsync(actor.UserId, cancellationToken) ?? throw UnauthorizedException.NotSignedIn();
        if (!passwordHasher.Verify(user.PasswordHash, request.CurrentPassword))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["currentPassword"] = ["The current password is not correct."],
            });
        }

        user.ChangePasswordHash(passwordHasher.Hash(request.NewPassword));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await refreshTokens.RevokeAllAsync(user.Id, exceptFamilyId: currentUser.SessionId, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
