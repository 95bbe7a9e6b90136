using FluentValidation.TestHelper;
using TaskOrchestration.Application.Notifications.Commands.UpdateNotificationPreferences;
using TaskOrchestration.Application.Notifications.Queries.ListNotifications;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class NotificationValidatorTests
{
    private readonly UpdateNotificationPreferencesCommandValidator _preferences = new();

    [Fact]
    public void Preferences_AcceptEveryNotifiableType_WithBothChannels()
    {
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(EventType.TaskAssigned, false, true), new(EventType.DailySummary, false, false)]))
            .ShouldNotHaveAnyValidationErrors();
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([])).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Preferences_RefuseTaskCreated_MissingFields_AndRepeatedTypes()
    {
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand(null)).ShouldHaveValidationErrorFor(command => command.Preferences);
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(EventType.TaskCreated, true, true)])).ShouldHaveValidationErrorFor("Preferences[0].Type");
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(null, true, true)])).ShouldHaveValidationErrorFor("Preferences[0].Type");
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(EventType.TaskTaken, null, true)])).ShouldHaveValidationErrorFor("Preferences[0].InApp");
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(EventType.TaskTaken, true, null)])).ShouldHaveValidationErrorFor("Preferences[0].Email");
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([new(EventType.TaskTaken, true, true), new(EventType.TaskTaken, false, false)]))
            .ShouldHaveValidationErrorFor(command => command.Preferences);
        _preferences.TestValidate(new UpdateNotificationPreferencesCommand([null!])).ShouldHaveValidationErrorFor("Preferences[0]");
    }

    [Fact]
    public void TheInbox_IsPagedLikeEveryList()
    {
        var validator = new ListNotificationsQueryValidator();

        validator.TestValidate(new ListNotificationsQuery(true, 1, 100)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new ListNotificationsQuery(PageSize: 0)).ShouldHaveValidationErrorFor(query => query.PageSize);
        validator.TestValidate(new ListNotificationsQuery(PageSize: 101)).ShouldHaveValidationErrorFor(query => query.PageSize);
        validator.TestValidate(new ListNotificationsQuery(Page: 0)).ShouldHaveValidationErrorFor(query => query.Page);
    }
}
