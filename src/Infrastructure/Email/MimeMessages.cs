using MimeKit;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>An <see cref="EmailMessage"/> as MIME: plain text, UTF-8, its id as the Message-Id.</summary>
internal static class MimeMessages
{
    public static MimeMessage From(EmailMessage message, string from)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = MailboxAddress.Parse(from);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.TextBody },
            // The same id on every attempt, so a receiver sent it twice can tell (MimeKit adds the angle brackets).
            MessageId = MessageIdOf(message.Id, sender.Domain),
        };
        mime.From.Add(sender);
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }

    public static string MessageIdOf(Guid id, string domain) => $"{id:D}@{(string.IsNullOrEmpty(domain) ? "taskorchestration.local" : domain)}";
}
