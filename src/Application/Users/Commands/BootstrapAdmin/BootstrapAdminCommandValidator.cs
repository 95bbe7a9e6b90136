using FluentValidation;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.BootstrapAdmin;

public sealed class BootstrapAdminCommandValidator : AbstractValidator<BootstrapAdminCommand>
{
    public BootstrapAdminCommandValidator()
    {
        RuleFor(command => command.Email).NotEmpty().EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(command => command.Password).StrongPassword();
    }
}
