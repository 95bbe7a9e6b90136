using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Queries.GetTaskHistory;

public sealed class GetTaskHistoryQueryValidator : AbstractValidator<GetTaskHistoryQuery>
{
    public GetTaskHistoryQueryValidator()
    {
        RuleFor(query => query.TaskId).NotEmpty();
        RuleFor(query => query.Page).InclusiveBetween(1, 10_000);
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100);
    }
}
