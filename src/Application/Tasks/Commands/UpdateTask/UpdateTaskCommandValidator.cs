using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Title)
            .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("'Title' must not be empty.")
            .MaximumLength(TaskItem.TitleMaxLength)
            .When(command => command.Title is not null);
        RuleFor(command => command.Description).MaximumLength(TaskItem.DescriptionMaxLength);
        RuleFor(command => command.Priority).IsInEnum();
        RuleFor(command => command.DueDate).Null()
            .When(command => command.ClearDueDate)
            .WithMessage("Give a due date or clear it, not both.");
    }
}
