using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.FailTask;

public sealed class FailTaskCommandValidator : AbstractValidator<FailTaskCommand>
{
    public FailTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Reason).NotEmpty().MaximumLength(TaskItem.ReasonMaxLength);
    }
}
