using FluentValidation;

namespace TaskOrchestration.Application.Queues.Queries.ListQueues;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class ListQueuesQueryValidator : AbstractValidator<ListQueuesQuery>
{
}
