using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Commands.DeleteWebhook;

public sealed class DeleteWebhookCommandValidator : AbstractValidator<DeleteWebhookCommand>
{
    public DeleteWebhookCommandValidator() => RuleFor(command => command.WebhookId).NotEmpty();
}
