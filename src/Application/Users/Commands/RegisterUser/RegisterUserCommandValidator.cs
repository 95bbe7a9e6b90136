using FluentValidation;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.RegisterUser;

public sealed class RegisterUserCommandValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserCommandValidator()
    {
        RuleFor(command => command.Email).NotEmpty().EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(command => command.Password).StrongPassword();
        RuleFor(command => command.DisplayName)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("'Display Name' must not be empty.")
            .MaximumLength(User.DisplayNameMaxLength);
    }
}
