using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Queries.ListWebhookDeliveries;

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        RuleFor(query => query.WebhookId).NotEmpty();
        RuleFor(query => query.Status).IsInEnum();
        RuleFor(query => query.Page).InclusiveBetween(1, 10_000);
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100);
    }
}
