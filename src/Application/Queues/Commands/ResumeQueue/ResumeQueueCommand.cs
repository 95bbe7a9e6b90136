using MediatR;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Queues.Commands.ResumeQueue;

/// <summary>Lets workers claim a paused kind again (admins). Resuming a kind that is not paused changes nothing.</summary>
/// <param name="Kind">The kind.</param>
[RequiresRole(UserRole.Admin)]
public sealed record ResumeQueueCommand(string Kind) : IRequest<QueueDto>;

public sealed class ResumeQueueCommandHandler(QueuePausing pausing) : IRequestHandler<ResumeQueueCommand, QueueDto>
{
    public Task<QueueDto> Handle(ResumeQueueCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return pausing.SetAsync(request.Kind, paused: false, cancellationToken);
    }
}
