using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.ReleaseTask;

public sealed class ReleaseTaskCommandValidator : AbstractValidator<ReleaseTaskCommand>
{
    public ReleaseTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
