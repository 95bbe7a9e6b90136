using MimeKit;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Email;

/// <summary>
/// The real SMTP server build/test.sh starts (Debian's aiosmtpd): where it listens (TASKORCH_TEST_SMTP, host:port) and
/// what it received (TASKORCH_TEST_SMTP_MAILDIR, a Maildir: one file per message in new/).
/// </summary>
internal static class TestSmtpServer
{
    public const string AddressVariable = "TASKORCH_TEST_SMTP";
    public const string MaildirVariable = "TASKORCH_TEST_SMTP_MAILDIR";

    public static (string Host, int Port) Address
    {
        get
        {
            var address = Required(AddressVariable);
            var colon = address.LastIndexOf(':');
            return (address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The message the server received with this Message-Id, or null.</summary>
    public static MimeMessage? Received(string messageId)
    {
        var folder = Path.Combine(Required(MaildirVariable), "new");
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var message = MimeMessage.Load(file);
            if (message.MessageId == messageId)
            {
                return message;
            }

            message.Dispose();
        }

        return null;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests with build/test.sh, which starts an SMTP server (Debian's python3-aiosmtpd) and sets it.");
}
