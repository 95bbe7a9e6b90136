using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CompleteTask;

public sealed class CompleteTaskCommandValidator : AbstractValidator<CompleteTaskCommand>
{
    public CompleteTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Result).MaximumLength(TaskItem.ResultMaxLength);
    }
}
