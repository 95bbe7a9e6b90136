using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Teams.Commands.AddTeamMember;

/// <summary>Adds a user to a team (managers and admins); adding a member again changes nothing.</summary>
/// <param name="TeamId">The team.</param>
/// <param name="UserId">The user to add.</param>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record AddTeamMemberCommand(Guid TeamId, Guid UserId) : IRequest<TeamDto>;

public sealed class AddTeamMemberCommandHandler(ITeamRepository teams, IUserRepository users, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<AddTeamMemberCommand, TeamDto>
{
    public async Task<TeamDto> Handle(AddTeamMemberCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var team = await teams.FindVisibleAsync(request.TeamId, currentUser.RequireActor(), cancellationToken);
        _ = await users.FindAsync(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        team.AddMember(request.UserId, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<TeamDto>(team);
    }
}
