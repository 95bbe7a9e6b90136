using FluentValidation;

namespace TaskOrchestration.Application.Webhooks.Queries.ListWebhooks;

public sealed class ListWebhooksQueryValidator : AbstractValidator<ListWebhooksQuery>
{
    public ListWebhooksQueryValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, 10_000);
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100);
    }
}
