using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.PublishTask;

/// <summary>Publishes a draft so that it can be taken.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record PublishTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class PublishTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<PublishTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(PublishTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Publish(actor, now), cancellationToken);
    }
}
