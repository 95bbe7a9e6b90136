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
        RuleFor(command => command.Metadata)
            .Must(metadata => metadata!.Value.ValueKind == System.Text.Json.JsonValueKind.Object).WithMessage("Metadata must be a JSON object.")
            .Must(metadata => System.Text.Encoding.UTF8.GetByteCount(metadata!.Value.GetRawText()) <= TaskItem.MetadataMaxBytes).WithMessage("Metadata may have at most 16 KiB.")
            .When(command => command.Metadata is not null);
    }
}
