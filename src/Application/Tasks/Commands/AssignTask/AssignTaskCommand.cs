using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Tasks.Commands.AssignTask;

/// <summary>Changes who a task is assigned to (managers and admins): the whole set, or one person added or removed.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Set">The complete new set of assignees; null to add or remove one person instead.</param>
/// <param name="Add">A person to add.</param>
/// <param name="Remove">A person to remove.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
[RequiresRole(UserRole.Manager, UserRole.Admin)]
public sealed record AssignTaskCommand(
    Guid TaskId,
    IReadOnlyList<Guid>? Set = null,
    Guid? Add = null,
    Guid? Remove = null,
    uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class AssignTaskCommandHandler(TaskChanges taskChanges, IUserRepository users) : IRequestHandler<AssignTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(AssignTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var named = (request.Set ?? []).Concat(request.Add is { } added ? [added] : []).Distinct().ToList();
        var existing = await users.ExistingAsync(named, cancellationToken);
        var unknown = named.Where(id => !existing.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [request.Set is null ? "userId" : "userIds"] = [$"No such user: {string.Join(", ", unknown)}."],
            });
        }

        return await taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) =>
        {
            var current = task.Assignees.Select(assignee => assignee.UserId);
            var next = request.Set ?? (request.Add is { } add ? current.Append(add) : current.Where(id => id != request.Remove));
            task.AssignTo([.. next], actor, now);
        }, cancellationToken);
    }
}
