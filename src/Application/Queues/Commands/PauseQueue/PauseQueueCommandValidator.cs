using FluentValidation;

namespace TaskOrchestration.Application.Queues.Commands.PauseQueue;

public sealed class PauseQueueCommandValidator : AbstractValidator<PauseQueueCommand>
{
    public PauseQueueCommandValidator() => RuleFor(command => command.Kind).NotEmpty();
}
