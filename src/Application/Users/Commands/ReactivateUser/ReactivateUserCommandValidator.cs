using FluentValidation;

namespace TaskOrchestration.Application.Users.Commands.ReactivateUser;

public sealed class ReactivateUserCommandValidator : AbstractValidator<ReactivateUserCommand>
{
    public ReactivateUserCommandValidator()
    {
        RuleFor(command => command.UserId).NotEmpty();
    }
}
