using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.TakeTask;

/// <summary>Takes a pending task: the caller becomes its owner.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record TakeTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class TakeTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<TakeTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(TakeTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Take(actor, now), cancellationToken);
    }
}
