using AutoMapper;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Realtime;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications;

/// <summary>
/// Turns task events into notifications and queued emails for the people involved, as their preferences ask. It
/// only adds to the unit of work: the outbox dispatcher commits that together with the events' acknowledgement (or its
/// record of the consumed events), so an event notifies each person once however often it is delivered (ADR 0016, ADR 0019).
/// </summary>
public sealed class NotificationConsumer(INotificationAudience audience, INotificationRepository notifications, IEmailOutbox emails, ILiveNotifications live, IMapper mapper) : IEventConsumer
{
    public const string ConsumerName = "notifications";

    public string Name => ConsumerName;

    public async Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var notifiable = events.Where(envelope => NotificationRecipients.MayTellAnyone(envelope.Type, envelope.Actor.Kind)).ToList();
        if (notifiable.Count == 0)
        {
            return;
        }

        // One read of the tasks and one of the people for the whole batch. A task that no longer exists tells nobody.
        var tasks = await audience.TasksAsync([.. notifiable.Select(envelope => envelope.TaskId).Distinct()], cancellationToken);
        var about = notifiable.Where(envelope => tasks.ContainsKey(envelope.TaskId)).ToList();
        if (about.Count == 0)
        {
            return;
        }

        // Most of the engine's events tell nobody (automated tasks): then there is nobody to read either.
        var candidates = about.SelectMany(envelope => NotificationRecipients.For(envelope.Type, envelope.Actor.Id, tasks[envelope.TaskId], _ => true)).ToHashSet();
        if (candidates.Count == 0)
        {
            return;
        }

        var people = await audience.PeopleAsync([.. candidates.Concat(about.Select(envelope => envelope.Actor.Id)).Distinct()], cancellationToken);
        var added = new List<Notification>();
        foreach (var envelope in about)
        {
            Notify(envelope, tasks[envelope.TaskId], people, added);
        }

        // Live, to whoever of them is connected: sent with the dispatcher's transaction, so only if it commits.
        await live.PublishAsync([.. added.Select(notification => new LiveNotification(notification.RecipientId, mapper.Map<NotificationDto>(notification)))], cancellationToken);
    }

    private void Notify(EventEnvelope envelope, TaskParticipants task, IReadOnlyDictionary<Guid, NotificationPerson> people, List<Notification> added)
    {
        var recipients = NotificationRecipients.For(envelope.Type, envelope.Actor.Id, task, userId => people.TryGetValue(userId, out var person) && person.IsActive);
        var actorName = NotificationText.ActorName(envelope.Actor, people);
        foreach (var recipient in recipients.Select(userId => people[userId]))
        {
            var channels = recipient.ChannelsFor(envelope.Type);
            if (!channels.Any)
            {
                continue;
            }

            var text = NotificationText.For(envelope, task, actorName, recipient.Id);
            if (channels.InApp)
            {
                var notification = Notification.Create(recipient.Id, envelope.Type, task.Id, envelope.Id, envelope.Actor.Id, text.Title, text.Body, envelope.OccurredAt);
                notifications.Add(notification);
                added.Add(notification);
            }

            if (channels.Email)
            {
                emails.Enqueue(NotificationEmails.Compose(DerivedIds.Email(envelope.Id, recipient.Id), recipient, envelope.Type, text, task.Id), recipient.Id);
            }
        }
    }
}
