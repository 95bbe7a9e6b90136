using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>Sends each email over SMTP with MailKit: connect, sign in when configured, send, disconnect.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var mime = MimeMessages.From(message, _options.From);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(_options.Smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), _options.Smtp.Port, SecurityOf(_options.Smtp.Security), timeout.Token);
        if (!string.IsNullOrEmpty(_options.Smtp.Username))
        {
            await client.AuthenticateAsync(_options.Smtp.Username, _options.Smtp.Password ?? string.Empty, timeout.Token);
        }

        await client.SendAsync(mime, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    private static SecureSocketOptions SecurityOf(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
