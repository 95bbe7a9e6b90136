using FluentValidation;

namespace TaskOrchestration.Application.Queues.Commands.ResumeQueue;

public sealed class ResumeQueueCommandValidator : AbstractValidator<ResumeQueueCommand>
{
    public ResumeQueueCommandValidator() => RuleFor(command => command.Kind).NotEmpty();
}
