using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Tasks.Queries.GetTask;

/// <summary>One task by id.</summary>
/// <param name="TaskId">The task's id.</param>
public sealed record GetTaskQuery(Guid TaskId) : IRequest<TaskDto>;

public sealed class GetTaskQueryHandler(TaskAccess access, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = await access.FindVisibleAsync(request.TaskId, actor, cancellationToken);
        return mapper.ToTaskDto(task, actor);
    }
}
