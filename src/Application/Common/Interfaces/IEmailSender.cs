namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Hands one email to the mail system (an SMTP server, or a pickup folder in development).</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/>, or throws; sending the same message again is safe (same Message-Id).</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
