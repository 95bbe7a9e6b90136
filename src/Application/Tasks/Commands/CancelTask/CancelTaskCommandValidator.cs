using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CancelTask;

public sealed class CancelTaskCommandValidator : AbstractValidator<CancelTaskCommand>
{
    public CancelTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Reason).MaximumLength(TaskItem.ReasonMaxLength);
    }
}
