using FluentValidation;

namespace TaskOrchestration.Application.Teams.Queries.ListTeams;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class ListTeamsQueryValidator : AbstractValidator<ListTeamsQuery>
{
}
