using FluentValidation;

namespace TaskOrchestration.Application.Tasks.Queries.GetLifecycle;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class GetLifecycleQueryValidator : AbstractValidator<GetLifecycleQuery>
{
}
