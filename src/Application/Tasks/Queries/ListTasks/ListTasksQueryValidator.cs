using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryValidator : AbstractValidator<ListTasksQuery>
{
    /// <summary>Deep offset pages are slow in any database; past this, clients should narrow the filter.</summary>
    public const int MaxPage = 10_000;

    public ListTasksQueryValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, MaxPage);
        RuleFor(query => query.PageSize).InclusiveBetween(1, ListTasksQuery.MaxPageSize);
        RuleFor(query => query.Search).MaximumLength(ListTasksQuery.SearchMaxLength);
        RuleForEach(query => query.Status).IsInEnum();
        RuleForEach(query => query.Priority).IsInEnum();
        RuleFor(query => query.SortBy).IsInEnum();
        RuleFor(query => query.SortDirection).IsInEnum();
    }
}
