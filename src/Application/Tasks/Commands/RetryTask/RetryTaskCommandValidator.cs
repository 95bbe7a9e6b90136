using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Commands.RetryTask;

public sealed class RetryTaskCommandValidator : AbstractValidator<RetryTaskCommand>
{
    public RetryTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
    }
}
