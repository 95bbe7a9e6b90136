using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Commands.UpdateWebhook;

public sealed class UpdateWebhookCommandValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookCommandValidator()
    {
        RuleFor(command => command.WebhookId).NotEmpty();
        RuleFor(command => command.Url).WebhookUrl().When(command => command.Url is not null);
        RuleFor(command => command.EventTypes).WebhookEventTypes().When(command => command.EventTypes is not null);
        RuleFor(command => command.Description).WebhookDescription();
    }
}
