using FluentValidation;
using TaskOrchestration.Domain.Tasks;

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
        RuleFor(query => query.Tag!.Count).LessThanOrEqualTo(TagName.MaxPerTask).OverridePropertyName("tag").When(query => query.Tag is not null);
        RuleForEach(query => query.Tag).Must(TagName.IsValid).WithMessage("A tag has 1 to 40 letters, digits or '-'.").OverridePropertyName("tag");
        RuleFor(query => query.SortBy).IsInEnum();
        RuleFor(query => query.Cursor)
            .Must((query, cursor) => TaskListCursor.TryDecode(cursor) is { } decoded && decoded.SortBy == query.SortBy && decoded.Direction == query.SortDirection)
            .WithMessage("The cursor is not one this list returned for the same sort.")
            .When(query => query.Cursor is not null);
        RuleFor(query => query.SortBy).NotEqual(TaskSortField.DueDate)
            .When(query => query.Cursor is not null)
            .WithMessage("Keyset paging is not offered when sorting by dueDate (tasks without one have no key); use page numbers.");
        RuleFor(query => query.DueAfter).LessThan(query => query.DueBefore)
            .When(query => query.DueAfter is not null && query.DueBefore is not null)
            .WithMessage("dueAfter must be earlier than dueBefore.");
        RuleFor(query => query.SortDirection).IsInEnum();
        RuleFor(query => query.Kind).Must(TaskAutomation.IsValidKind).WithMessage("A kind is lower-case letters, digits, '.', '-' or '_'.").When(query => query.Kind is not null);
    }
}
