using FluentValidation;

namespace TaskOrchestration.Application.Workers.Queries.ListWorkers;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class ListWorkersQueryValidator : AbstractValidator<ListWorkersQuery>
{
}
