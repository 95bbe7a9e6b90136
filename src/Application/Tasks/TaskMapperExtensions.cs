using AutoMapper;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

public static class TaskMapperExtensions
{
    /// <summary>Maps a task for <paramref name="actor"/>, whose rights decide its allowed actions.</summary>
    public static TaskDto ToTaskDto(this IMapper mapper, TaskItem task, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper.Map<TaskDto>(task, options => options.Items[TaskMappingProfile.ActorKey] = actor);
    }
}
