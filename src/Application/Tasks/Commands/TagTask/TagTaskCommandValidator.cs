using FluentValidation;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.TagTask;

public sealed class TagTaskCommandValidator : AbstractValidator<TagTaskCommand>
{
    public TagTaskCommandValidator()
    {
        RuleFor(command => command.TaskId).NotEmpty();
        RuleFor(command => command.Tags).NotNull();
        RuleFor(command => command.Tags.Count).LessThanOrEqualTo(TagName.MaxPerTask).OverridePropertyName("tags").When(command => command.Tags is not null);
        RuleForEach(command => command.Tags).Must(TagName.IsValid).WithMessage("A tag has 1 to 40 letters, digits or '-'.").OverridePropertyName("tags");
    }
}
