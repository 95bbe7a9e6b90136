using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.UnarchiveTask;

public sealed class UnarchiveTaskCommandValidator : AbstractValidator<UnarchiveTaskCommand>
{
    public UnarchiveTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
