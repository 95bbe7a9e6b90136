using FluentValidation;

namespace TaskOrchestration.Application.Users.Commands.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(command => command.CurrentPassword).NotEmpty().MaximumLength(PasswordRules.MaxLength);
        RuleFor(command => command.NewPassword).StrongPassword()
            .NotEqual(command => command.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}
