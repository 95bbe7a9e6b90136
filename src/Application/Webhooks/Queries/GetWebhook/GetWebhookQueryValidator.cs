using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Queries.GetWebhook;

public sealed class GetWebhookQueryValidator : AbstractValidator<GetWebhookQuery>
{
    public GetWebhookQueryValidator() => RuleFor(query => query.WebhookId).NotEmpty();
}
