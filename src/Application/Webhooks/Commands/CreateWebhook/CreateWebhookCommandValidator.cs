using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Commands.CreateWebhook;

public sealed class CreateWebhookCommandValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookCommandValidator()
    {
        RuleFor(command => command.Url).WebhookUrl();
        RuleFor(command => command.EventTypes).WebhookEventTypes();
        RuleFor(command => command.Description).WebhookDescription();
    }
}
