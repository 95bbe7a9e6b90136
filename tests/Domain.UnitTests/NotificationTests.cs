using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class NotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MarkRead_IsIdempotent_AndKeepsTheFirstTime()
    {
        var notification = Notification.Create(Guid.NewGuid(), EventType.TaskTaken, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Ada took \"X\"", null, Now);
        Assert.False(notification.IsRead);

        notification.MarkRead(Now.AddMinutes(1));
        notification.MarkRead(Now.AddMinutes(2));

        Assert.Equal(Now.AddMinutes(1), notification.ReadAt);
    }

    [Fact]
    public void TextPastItsLimit_IsShortenedWithAnEllipsis_NotRefused()
    {
        var notification = Notification.Create(Guid.NewGuid(), EventType.TaskUpdated, null, null, null, new string('t', 500), new string('b', 5_000), Now);

        Assert.Equal(Notification.TitleMaxLength, notification.Title.Length);
        Assert.EndsWith("t…", notification.Title, StringComparison.Ordinal);
        Assert.Equal(Notification.BodyMaxLength, notification.Body!.Length);
        Assert.EndsWith("…", notification.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ABlankBody_IsNoBody_AndABlankTitle_IsRefused()
    {
        Assert.Null(Notification.Create(Guid.NewGuid(), EventType.TaskTaken, null, null, null, "A title", "   ", Now).Body);
        Assert.Throws<ArgumentException>(() => Notification.Create(Guid.NewGuid(), EventType.TaskTaken, null, null, null, "  ", null, Now));
    }

    [Fact]
    public void ByDefault_EveryTypeIsInTheInbox_AndOnlyWhatNeedsAttentionIsEmailed()
    {
        EventType[] emailed = [EventType.TaskFailed, EventType.TaskAssigned, EventType.TaskOverdue, EventType.DailySummary];

        Assert.All(NotificationPolicy.NotifiableTypes, type => Assert.True(NotificationPolicy.Defaults(type).InApp, $"{type} in the inbox"));
        Assert.Equal(emailed, NotificationPolicy.NotifiableTypes.Where(type => NotificationPolicy.Defaults(type).Email));
    }

    [Fact]
    public void TaskCreated_NotifiesNobody_AndHasNoPreference()
    {
        Assert.DoesNotContain(EventType.TaskCreated, NotificationPolicy.NotifiableTypes);
        Assert.Equal(Enum.GetValues<EventType>().Length - 1, NotificationPolicy.NotifiableTypes.Count);
        Assert.Equal(NotificationChannels.None, NotificationPolicy.Effective(EventType.TaskCreated, new NotificationChannels(true, true)));
        var refused = Assert.Throws<DomainException>(() => NotificationPreference.Choose(Guid.NewGuid(), EventType.TaskCreated, new NotificationChannels(true, true)));
        Assert.Equal("not_a_notification_type", refused.Error.Code);
    }

    [Fact]
    public void AStoredChoice_OverridesTheDefault()
    {
        var preference = NotificationPreference.Choose(Guid.NewGuid(), EventType.TaskAssigned, new NotificationChannels(InApp: false, Email: true));

        Assert.Equal(new NotificationChannels(false, true), NotificationPolicy.Effective(EventType.TaskAssigned, preference.Channels));
        preference.Change(NotificationChannels.None);
        Assert.False(NotificationPolicy.Effective(EventType.TaskAssigned, preference.Channels).Any);
        Assert.Equal(NotificationPolicy.Defaults(EventType.TaskAssigned), NotificationPolicy.Effective(EventType.TaskAssigned, null));
    }
}
