using System.Text.Json;
using System.Text.Json.Serialization;
using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task, pending unless <paramref name="Draft"/> asks for a draft.</summary>
/// <param name="Title">A short name, 1 to 200 characters.</param>
/// <param name="Description">Details, up to 10,000 characters.</param>
/// <param name="Priority">How urgent the task is; normal when omitted.</param>
/// <param name="DueDate">When the task should be done.</param>
/// <param name="Draft">True to create a draft that nobody can take until it is published.</param>
/// <param name="Metadata">Any JSON object (at most 16 KiB), returned as given.</param>
/// <param name="TeamId">The team the task belongs to (only its members, managers and admins see it); one of the creator's teams.</param>
/// <param name="Kind">"manual" (the default) for people; otherwise the kind of handler the worker engine runs it with (GET /api/v1/queues lists them).</param>
/// <param name="Input">Automated tasks: any JSON (at most 64 KiB) given to the handler.</param>
/// <param name="MaxAttempts">Automated tasks: attempts before the task stays failed (dead), 1 to 100; 3 when omitted.</param>
/// <param name="RunAfter">Automated tasks: not run before this time.</param>
/// <param name="IdempotencyKey">From the Idempotency-Key header: a repeat within 24 hours answers the first task again.</param>
public sealed record CreateTaskCommand(
    string Title,
    string? Description = null,
    TaskPriority Priority = TaskPriority.Normal,
    DateTimeOffset? DueDate = null,
    bool Draft = false,
    Guid? TeamId = null,
    JsonElement? Metadata = null,
    string? Kind = null,
    JsonElement? Input = null,
    int? MaxAttempts = null,
    DateTimeOffset? RunAfter = null,
    [property: JsonIgnore] string? IdempotencyKey = null) : IRequest<TaskDto>, IIdempotentCommand;

public sealed class CreateTaskCommandHandler(ITaskRepository tasks, TaskAccess access, ITeamRepository teams, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<CreateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(CreateTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        if (request.TeamId is { } teamId
            && (!(await access.VisibilityForAsync(actor, cancellationToken)).CanUseTeam(teamId) || await teams.FindAsync(teamId, cancellationToken) is null))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["teamId"] = ["No such team, or you are not one of its members."],
            });
        }

        var automation = TaskAutomation.IsAutomatedKind(request.Kind)
            ? new TaskAutomation(request.Kind!, request.Input?.GetRawText(), request.MaxAttempts ?? TaskAutomation.DefaultMaxAttempts, request.RunAfter)
            : null;
        var task = TaskItem.Create(request.Title, request.Description, request.Priority, request.DueDate, request.Draft, actor, clock.GetUtcNow(), request.TeamId, request.Metadata?.GetRawText(), automation);
        tasks.Add(task);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.ToTaskDto(task, actor);
    }
}
