using FluentValidation;

namespace TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class GetLiveUpdateScopeQueryValidator : AbstractValidator<GetLiveUpdateScopeQuery>
{
}
