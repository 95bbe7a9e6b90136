using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.RegisterUser;

/// <summary>Creates an account with the member role.</summary>
/// <param name="Email">The sign-in email; unique, ignoring case.</param>
/// <param name="Password">At least 12 characters.</param>
/// <param name="DisplayName">The name shown to others, 1 to 100 characters.</param>
public sealed record RegisterUserCommand(string Email, string Password, string DisplayName) : IRequest<UserDto>;

public sealed class RegisterUserCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IPasswordHasher passwordHasher, TimeProvider clock, IMapper mapper)
    : IRequestHandler<RegisterUserCommand, UserDto>
{
    public async Task<UserDto> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await users.FindByEmailAsync(request.Email, cancellationToken) is not null)
        {
            throw EmailTaken();
        }

        var user = User.Register(request.Email, request.DisplayName, passwordHasher.Hash(request.Password), UserRole.Member, clock.GetUtcNow());
        users.Add(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserDto>(user);
    }

    internal static ConflictException EmailTaken() =>
        new("email_already_registered", "An account with this email already exists.");
}
