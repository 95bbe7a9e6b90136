using FluentValidation;

namespace TaskOrchestration.Application.Teams.Queries.GetTeam;

public sealed class GetTeamQueryValidator : AbstractValidator<GetTeamQuery>
{
    public GetTeamQueryValidator()
    {
        RuleFor(query => query.TeamId).NotEmpty();
    }
}
