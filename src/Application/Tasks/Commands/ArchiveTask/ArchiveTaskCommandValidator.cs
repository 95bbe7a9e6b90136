using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.ArchiveTask;

public sealed class ArchiveTaskCommandValidator : AbstractValidator<ArchiveTaskCommand>
{
    public ArchiveTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
