using FluentValidation;

namespace TaskOrchestration.Application.People.Queries.ListPeople;

public sealed class ListPeopleQueryValidator : AbstractValidator<ListPeopleQuery>
{
    public const int MaxIds = 100;

    public ListPeopleQueryValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, 10_000);
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100);
        RuleFor(query => query.Search).MaximumLength(200);
        RuleFor(query => query.Ids).Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"At most {MaxIds} ids.");
    }
}
