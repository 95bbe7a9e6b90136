using FluentValidation;

namespace TaskOrchestration.Application.Users.Commands.RefreshSession;

public sealed class RefreshSessionCommandValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionCommandValidator()
    {
        RuleFor(command => command.RefreshToken).NotEmpty().MaximumLength(100);
    }
}
