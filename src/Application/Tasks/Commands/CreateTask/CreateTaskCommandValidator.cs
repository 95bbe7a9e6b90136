using FluentValidation;
using FluentValidation.Results;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public const int IdempotencyKeyMaxLength = 255;

    public CreateTaskCommandValidator(TaskKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        RuleFor(command => command.Kind)
            .Must(kind => kinds.Exists(kind!))
            .WithMessage(_ => $"No handler serves this kind; the kinds are: {string.Join(", ", [TaskAutomation.ManualKind, .. kinds.Automated])}.")
            .When(command => command.Kind is not null);
        RuleFor(command => command.MaxAttempts).InclusiveBetween(1, TaskAutomation.MaxAttemptsLimit);
        RuleFor(command => command.Input)
            .Must(input => System.Text.Encoding.UTF8.GetByteCount(input!.Value.GetRawText()) <= TaskAutomation.InputMaxBytes)
            .WithMessage($"The input may have at most {TaskAutomation.InputMaxBytes / 1024} KiB.")
            .When(command => command.Input is not null);
        RuleFor(command => command.Input).Null().WithMessage("Only automated tasks (a kind other than manual) take an input.").When(command => !TaskAutomation.IsAutomatedKind(command.Kind));
        RuleFor(command => command.Input)
            .Custom((input, context) =>
            {
                foreach (var problem in kinds.CheckInput(context.InstanceToValidate.Kind!, input))
                {
                    context.AddFailure(new ValidationFailure(nameof(CreateTaskCommand.Input) + problem.Path, problem.Message) { ErrorCode = problem.Code });
                }
            })
            .When(command => TaskAutomation.IsAutomatedKind(command.Kind));
        RuleFor(command => command.MaxAttempts).Null().WithMessage("Only automated tasks (a kind other than manual) take maxAttempts.").When(command => !TaskAutomation.IsAutomatedKind(command.Kind));
        RuleFor(command => command.RunAfter).Null().WithMessage("Only automated tasks (a kind other than manual) take runAfter.").When(command => !TaskAutomation.IsAutomatedKind(command.Kind));
        RuleFor(command => command.Title)
            .Must(title => !string.IsNullOrWhiteSpace(title)).WithMessage("'Title' must not be empty.")
            .MaximumLength(TaskItem.TitleMaxLength);
        RuleFor(command => command.Description).MaximumLength(TaskItem.DescriptionMaxLength);
        RuleFor(command => command.Priority).IsInEnum();
        RuleFor(command => command.IdempotencyKey)
            .Must(key => key!.Length is >= 1 and <= IdempotencyKeyMaxLength && key.All(character => character is >= '!' and <= '~'))
            .WithMessage($"The Idempotency-Key header must be 1 to {IdempotencyKeyMaxLength} visible ASCII characters (a UUID is a good key).")
            .When(command => command.IdempotencyKey is not null);
        RuleFor(command => command.Metadata)
            .Must(metadata => metadata!.Value.ValueKind == System.Text.Json.JsonValueKind.Object).WithMessage("Metadata must be a JSON object.")
            .Must(metadata => System.Text.Encoding.UTF8.GetByteCount(metadata!.Value.GetRawText()) <= TaskItem.MetadataMaxBytes).WithMessage("Metadata may have at most 16 KiB.")
            .When(command => command.Metadata is not null);
    }
}
