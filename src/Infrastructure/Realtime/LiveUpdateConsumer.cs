using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// Puts every event on the live-update backplane: a PostgreSQL NOTIFY, sent in the dispatcher's transaction for this
/// consumer, so it goes out when the consumption is committed and only then, once. Each API instance listens
/// (<see cref="LiveUpdateListener"/>) and passes it on to the people connected to it who may see the task.
/// </summary>
internal sealed class LiveUpdateConsumer(ApplicationDbContext db) : IEventConsumer
{
    public string Name => "live-updates";

    public async Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        Guid[] taskIds = [.. events.Select(envelope => envelope.TaskId).Distinct()];
        var teams = await db.Tasks.AsNoTracking()
            .Where(task => taskIds.Contains(task.Id))
            .Select(task => new { task.Id, task.TeamId })
            .ToDictionaryAsync(task => task.Id, task => task.TeamId, cancellationToken);

        // A task deleted since (the cleanup job) has no one left to tell.
        string[] payloads = [.. events.Where(envelope => teams.ContainsKey(envelope.TaskId)).Select(envelope => Payload(teams[envelope.TaskId], envelope))];
        await LiveUpdateSender.SendAsync(db, payloads, cancellationToken);
    }

    private static string Payload(Guid? teamId, EventEnvelope envelope)
    {
        var payload = JsonSerializer.Serialize(LiveUpdateMessage.ForEvent(teamId, envelope), EventJson.Options);
        if (Encoding.UTF8.GetByteCount(payload) <= LiveUpdateMessage.MaxPayloadBytes)
        {
            return payload;
        }

        var truncated = envelope with { Data = JsonSerializer.SerializeToElement(new { truncated = true }, EventJson.Options) };
        return JsonSerializer.Serialize(LiveUpdateMessage.ForEvent(teamId, truncated), EventJson.Options);
    }
}
