using FluentValidation;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.UpdateProfile;

public sealed class UpdateProfileCommandValidator : AbstractValidator<UpdateProfileCommand>
{
    public UpdateProfileCommandValidator()
    {
        RuleFor(command => command.DisplayName)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("'Display Name' must not be empty.")
            .MaximumLength(User.DisplayNameMaxLength);
    }
}
