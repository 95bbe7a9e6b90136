using System.Globalization;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Notifications;

/// <summary>A notification as an email: the title as the subject, the body, and why the person receives it.</summary>
public static class NotificationEmails
{
    public const string PreferencesPath = "/api/v1/users/me/notification-preferences";

    public static EmailMessage Compose(Guid id, NotificationPerson recipient, EventType type, NotificationText text, Guid? taskId)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(text);
        var body = new System.Text.StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Hello {recipient.DisplayName},\n\n{text.Title}\n");
        if (text.Body is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n{text.Body}\n");
        }

        if (taskId is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"\nTask: {taskId}\n");
        }

        var typeName = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(type.ToString());
        body.Append(CultureInfo.InvariantCulture, $"\n-- \nYou receive this email because your preferences ask for {typeName} by email; change them with PUT {PreferencesPath}.\n");
        return new EmailMessage(id, recipient.Email, text.Title, body.ToString());
    }
}
