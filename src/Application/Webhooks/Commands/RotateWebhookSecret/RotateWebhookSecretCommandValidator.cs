using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Commands.RotateWebhookSecret;

public sealed class RotateWebhookSecretCommandValidator : AbstractValidator<RotateWebhookSecretCommand>
{
    public RotateWebhookSecretCommandValidator() => RuleFor(command => command.WebhookId).NotEmpty();
}
