using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Queries.GetTask;

public sealed class GetTaskQueryValidator : AbstractValidator<GetTaskQuery>
{
    public GetTaskQueryValidator()
    {
        RuleFor(query => query.TaskId).NotEmpty();
    }
}
