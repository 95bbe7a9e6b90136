using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Teams.Commands.CreateTeam;

/// <summary>Creates a team (managers and admins).</summary>
/// <param name="Name">A unique name, 1 to 100 characters.</param>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record CreateTeamCommand(string Name) : IRequest<TeamDto>;

public sealed class CreateTeamCommandHandler(ITeamRepository teams, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<CreateTeamCommand, TeamDto>
{
    public async Task<TeamDto> Handle(CreateTeamCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var team = Team.Create(request.Name, currentUser.RequireActor(), clock.GetUtcNow());
        if (await teams.NameExistsAsync(team.Name, cancellationToken))
        {
            throw new ConflictException("team_name_taken", "A team with this name already exists.");
        }

        teams.Add(team);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<TeamDto>(team);
    }
}
