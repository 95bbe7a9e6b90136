using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;

namespace TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;

/// <summary>What the signed-in person may receive live: the tasks they may see, and their own notifications.</summary>
public sealed record GetLiveUpdateScopeQuery : IRequest<LiveUpdateScopeDto>;

public sealed class GetLiveUpdateScopeQueryHandler(TaskAccess access, ICurrentUser currentUser) : IRequestHandler<GetLiveUpdateScopeQuery, LiveUpdateScopeDto>
{
    public async Task<LiveUpdateScopeDto> Handle(GetLiveUpdateScopeQuery request, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var visibility = await access.VisibilityForAsync(actor, cancellationToken);
        return new LiveUpdateScopeDto { UserId = actor.UserId, AllTeams = visibility.AllTeams, TeamIds = [.. visibility.TeamIds] };
    }
}
