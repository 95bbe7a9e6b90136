using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.AssignTask;

public sealed class AssignTaskCommandValidator : AbstractValidator<AssignTaskCommand>
{
    public AssignTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Set!.Count).LessThanOrEqualTo(TaskItem.MaxAssignees).OverridePropertyName("userIds").When(command => command.Set is not null);
        RuleForEach(command => command.Set).NotEmpty().OverridePropertyName("userIds");
        RuleFor(command => command)
            .Must(command => (command.Set is not null ? 1 : 0) + (command.Add is not null ? 1 : 0) + (command.Remove is not null ? 1 : 0) == 1)
            .WithMessage("Give the whole set, or one person to add or to remove.")
            .OverridePropertyName("assignees");
    }
}
