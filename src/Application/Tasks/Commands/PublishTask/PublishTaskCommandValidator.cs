using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.PublishTask;

public sealed class PublishTaskCommandValidator : AbstractValidator<PublishTaskCommand>
{
    public PublishTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
