using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.RegisterUser;

/// <summary>Creates an account with the member role.</summary>
/// <param name="Email">The sign-in email; unique, ignoring case.</param>
/// <param name="Password">At least 12 characters.</param>
/// <param name="DisplayName">The name shown to others, 1 to 100 characters.</param>
public sealed record RegisterUserCommand(string Email, string Password, string DisplayName) : IRequest<UserDto>;

/// <remarks>
/// An address that already has an account gets the same answer as a new one, after the same password hashing, so
/// that registration cannot be used to learn who has an account (ADR 0025). The owner of the address is told by
/// email instead, at most once a day; the account itself is not touched, and signing in needs its own password.
/// </remarks>
public sealed class RegisterUserCommandHandler(
    IUserRepository users,
    IEmailOutbox emails,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    TimeProvider clock,
    IMapper mapper)
    : IRequestHandler<RegisterUserCommand, UserDto>
{
    /// <summary>The database's answer when two registrations of one address race (its unique index on the email).</summary>
    private const string EmailTakenCode = "email_already_registered";

    public async Task<UserDto> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var user = User.Register(request.Email, request.DisplayName, passwordHasher.Hash(request.Password), UserRole.Member, now);
        var existing = await users.FindByEmailAsync(user.Email, cancellationToken);
        if (existing is null)
        {
            users.Add(user);
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
            }
            catch (ConflictException conflict) when (conflict.Code == EmailTakenCode)
            {
                // Registered by a request that ran at the same moment: the same answer as any address already taken.
            }
        }
        else
        {
            await TellTheOwnerAsync(existing, now, cancellationToken);
        }

        // For an address already taken, what a new account would have looked like: never stored, never usable.
        return mapper.Map<UserDto>(user);
    }

    private async Task TellTheOwnerAsync(User owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var emailId = DerivedIds.RegistrationAttemptEmail(owner.Id, DateOnly.FromDateTime(now.UtcDateTime));
        if ((await emails.ExistingAsync([emailId], cancellationToken)).Count > 0)
        {
            return;
        }

        emails.Enqueue(
            new EmailMessage(
                emailId,
                owner.Email,
                "Someone tried to create an account with your address",
                $"""
                Hello {owner.DisplayName},

                Someone tried to create a TaskOrchestration account with {owner.Email}, which already has one: yours.
                Nothing was changed, and your password still works as before.

                If it was you, sign in with your existing password instead. If it was not, you need do nothing.
                """),
            owner.Id);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            // Another attempt at the same moment queued today's email.
        }
    }
}
