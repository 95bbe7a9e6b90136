using FluentValidation;

namespace TaskOrchestration.Application.Events.Queries.ListParkedEvents;

public sealed class ListParkedEventsQueryValidator : AbstractValidator<ListParkedEventsQuery>
{
    public ListParkedEventsQueryValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, 10_000);
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100);
    }
}
