using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Events.Commands.ReplayEvent;

/// <summary>
/// Puts a parked event back in line (admins), as if it had never failed: the dispatcher delivers it again to the
/// consumers that have not had it. For after the cause was fixed.
/// </summary>
/// <param name="EventId">The parked event.</param>
[RequiresRole(UserRole.Admin)]
public sealed record ReplayEventCommand(Guid EventId) : IRequest<Unit>;

public sealed class ReplayEventCommandHandler(IOutboxAdministration outbox, TimeProvider clock) : IRequestHandler<ReplayEventCommand, Unit>
{
    public async Task<Unit> Handle(ReplayEventCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await outbox.ReplayAsync(request.EventId, clock.GetUtcNow(), cancellationToken))
        {
            throw new NotFoundException("parked event", request.EventId);
        }

        return Unit.Value;
    }
}
