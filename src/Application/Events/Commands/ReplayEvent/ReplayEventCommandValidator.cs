using FluentValidation;

namespace TaskOrchestration.Application.Events.Commands.ReplayEvent;

public sealed class ReplayEventCommandValidator : AbstractValidator<ReplayEventCommand>
{
    public ReplayEventCommandValidator() => RuleFor(command => command.EventId).NotEmpty();
}
