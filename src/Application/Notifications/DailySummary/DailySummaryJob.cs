using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications.DailySummary;

/// <summary>
/// Each active person's daily digest, as their dailySummary preference asks (in the inbox, by email, both or
/// neither): the open tasks they own or are assigned to, how many of those are overdue, and the tasks they own or
/// created that were completed since the schedule's previous slot. Nothing for people with nothing to report. The
/// summaries of one slot share an event id derived from the slot, so running the slot again adds nothing.
/// </summary>
/// <remarks>
/// The period is previous slot to this slot, not the 24 hours before it: in a zone with daylight saving two 08:00s
/// are 23 or 25 hours apart, and a fixed 24 hours would report an hour's completions twice or never. Dates are
/// written in the schedule's zone, where its people's "08:00" is.
/// </remarks>
public sealed class DailySummaryJob(IDailySummaryReader reader, INotificationRepository notifications, IEmailOutbox emails, IUnitOfWork unitOfWork) : IScheduledJob
{
    public const string JobName = "daily-summary";

    /// <summary>People summarised per read and per transaction.</summary>
    public const int PeoplePerBatch = 200;

    /// <summary>The period reported when the schedule has no earlier slot to start from (a daily summary's day).</summary>
    public static readonly TimeSpan PeriodWithoutPreviousSlot = TimeSpan.FromDays(1);

    public async Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var period = new SummaryPeriod(slot.Previous ?? slot.At - PeriodWithoutPreviousSlot, slot.At, slot.TimeZone);
        var eventId = DerivedIds.DailySummary(slot.At);
        var (inApp, byEmail) = (0, 0);
        Guid? after = null;
        while (true)
        {
            var people = await reader.PeopleAsync(after, PeoplePerBatch, cancellationToken);
            var wanting = people.Where(person => person.ChannelsFor(EventType.DailySummary).Any).ToList();
            if (wanting.Count > 0)
            {
                var (notified, emailed) = await SummariseAsync(wanting, period, eventId, cancellationToken);
                inApp += notified;
                byEmail += emailed;
            }

            if (people.Count < PeoplePerBatch)
            {
                break;
            }

            after = people[^1].Id;
        }

        return new JobRunSummary($"summaries: {inApp} in the inbox, {byEmail} by email", inApp + byEmail);
    }

    private async Task<(int InApp, int ByEmail)> SummariseAsync(List<NotificationPerson> people, SummaryPeriod period, Guid eventId, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. people.Select(person => person.Id)];
        var open = (await reader.OpenTasksAsync(ids, cancellationToken)).ToLookup(task => task.UserId);
        var completed = (await reader.CompletedTasksAsync(ids, period.Since, period.Until, cancellationToken)).ToLookup(task => task.UserId);
        var alreadyNotified = await notifications.RecipientsOfAsync(eventId, ids, cancellationToken);
        var alreadyEmailed = await emails.ExistingAsync([.. ids.Select(id => DerivedIds.Email(eventId, id))], cancellationToken);

        var (inApp, byEmail) = (0, 0);
        foreach (var person in people)
        {
            var text = DailySummaryText.For([.. open[person.Id]], [.. completed[person.Id]], period);
            if (text is null)
            {
                continue;
            }

            var channels = person.ChannelsFor(EventType.DailySummary);
            if (channels.InApp && !alreadyNotified.Contains(person.Id))
            {
                notifications.Add(Notification.Create(person.Id, EventType.DailySummary, null, eventId, null, text.Title, text.Body, period.Until));
                inApp++;
            }

            var emailId = DerivedIds.Email(eventId, person.Id);
            if (channels.Email && !alreadyEmailed.Contains(emailId))
            {
                emails.Enqueue(NotificationEmails.Compose(emailId, person, EventType.DailySummary, text, null), person.Id);
                byEmail++;
            }
        }

        // One transaction per batch: a run stopped halfway keeps what it summarised, and a rerun adds only the rest.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        unitOfWork.DiscardChanges();
        return (inApp, byEmail);
    }
}
