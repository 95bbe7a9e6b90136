using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Events;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.Events;

internal sealed class OutboxAdministration(ApplicationDbContext db) : IOutboxAdministration
{
    public async Task<Page<ParkedEventDto>> ListParkedAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var parked = db.OutboxMessages.AsNoTracking().Where(message => message.ParkedAt != null);
        var pageStart = parked.OrderByDescending(message => message.ParkedAt).ThenByDescending(message => message.Sequence).Skip((page.Number - 1) * page.Size);
        var read = await PageReader.ReadAsync(parked, pageStart, page, cancellationToken);
        return new Page<ParkedEventDto>([.. read.Items.Select(ToDto)], read.PageNumber, read.PageSize, read.TotalCount, read.HasMore);
    }

    public async Task<bool> ReplayAsync(Guid eventId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.OutboxMessages
            .Where(message => message.Id == eventId && message.ParkedAt != null)
            .ExecuteUpdateAsync(
                message => message
                    .SetProperty(row => row.ParkedAt, (DateTimeOffset?)null)
                    .SetProperty(row => row.Attempts, 0)
                    .SetProperty(row => row.LastError, (string?)null)
                    .SetProperty(row => row.AvailableAt, now),
                cancellationToken) == 1;

    private static ParkedEventDto ToDto(OutboxMessage message) => new()
    {
        Id = message.Id,
        Attempts = message.Attempts,
        LastError = message.LastError,
        ParkedAt = message.ParkedAt!.Value,
        Envelope = JsonSerializer.Deserialize<EventEnvelope>(message.Payload, EventJson.Options)!,
    };
}
