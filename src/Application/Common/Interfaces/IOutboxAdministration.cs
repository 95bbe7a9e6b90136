using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Events;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>The outbox as admins see it: events parked after too many failed deliveries, and their replay.</summary>
public interface IOutboxAdministration
{
    /// <summary>Parked events, most recently parked first.</summary>
    Task<Page<ParkedEventDto>> ListParkedAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Puts a parked event back in line, its failures forgotten; false when no parked event has that id.</summary>
    Task<bool> ReplayAsync(Guid eventId, DateTimeOffset now, CancellationToken cancellationToken);
}
