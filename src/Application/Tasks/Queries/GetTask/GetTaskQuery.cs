using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Tasks.Queries.GetTask;

/// <summary>One task by id.</summary>
/// <param name="TaskId">The task's id.</param>
public sealed record GetTaskQuery(Guid TaskId) : IRequest<TaskDto>;

public sealed class GetTaskQueryHandler(ITaskRepository tasks, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = await tasks.FindAsync(request.TaskId, cancellationToken) ?? throw new NotFoundException("Task", request.TaskId);
        return mapper.ToTaskDto(task, actor);
    }
}
