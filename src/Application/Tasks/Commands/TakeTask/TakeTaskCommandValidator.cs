using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.TakeTask;

public sealed class TakeTaskCommandValidator : AbstractValidator<TakeTaskCommand>
{
    public TakeTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
