using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.TagTask;

/// <summary>Replaces a task's tags (creator, managers and admins).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Tags">At most 20 tags of 1 to 40 letters, digits or '-'; stored in lower case.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record TagTaskCommand(Guid TaskId, IReadOnlyList<string> Tags, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class TagTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<TagTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(TagTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Tag(request.Tags, actor, now), cancellationToken);
    }
}
