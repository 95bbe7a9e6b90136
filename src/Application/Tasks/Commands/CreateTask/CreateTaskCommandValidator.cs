using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(command => command.Title)
            .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("'Title' must not be empty.")
            .MaximumLength(TaskItem.TitleMaxLength);
        RuleFor(command => command.Description).MaximumLength(TaskItem.DescriptionMaxLength);
        RuleFor(command => command.Priority).IsInEnum();
    }
}
