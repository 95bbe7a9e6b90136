using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Teams.Commands.RemoveTeamMember;

/// <summary>Removes a user from a team (managers and admins); removing a non-member changes nothing.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="UserId">The user to remove.</param>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record RemoveTeamMemberCommand(Guid TeamId, Guid UserId) : IRequest<TeamDto>;

public sealed class RemoveTeamMemberCommandHandler(ITeamRepository teams, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<RemoveTeamMemberCommand, TeamDto>
{
    public async Task<TeamDto> Handle(RemoveTeamMemberCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var team = await teams.FindVisibleAsync(request.TeamId, currentUser.RequireActor(), cancellationToken);
        team.RemoveMember(request.UserId, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<TeamDto>(team);
    }
}
