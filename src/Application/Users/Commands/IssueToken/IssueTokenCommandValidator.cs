using FluentValidation;

namespace TaskOrchestration.Application.Users.Commands.IssueToken;

public sealed class IssueTokenCommandValidator : AbstractValidator<IssueTokenCommand>
{
    public IssueTokenCommandValidator()
    {
        RuleFor(command => command.Email).NotEmpty().MaximumLength(254);
        RuleFor(command => command.Password).NotEmpty().MaximumLength(PasswordRules.MaxLength);
    }
}
