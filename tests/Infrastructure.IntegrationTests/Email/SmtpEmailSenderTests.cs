using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Email;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Email;

/// <summary>The SMTP sender against a real SMTP server on this machine (aiosmtpd, started by build/test.sh).</summary>
public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task AnEmail_ArrivesAtTheServer_WithItsRecipient_Subject_Body_AndMessageId()
    {
        var (host, port) = TestSmtpServer.Address;
        using var services = Services(host, port);
        var message = new EmailMessage(Guid.NewGuid(), "ada@example.com", "Max assigned you to \"Ship it\" – ünïcödé", "Hello Ada,\n\nMax assigned you to \"Ship it\".\n");

        await services.GetRequiredService<IEmailSender>().SendAsync(message, CancellationToken.None);

        using var received = TestSmtpServer.Received($"{message.Id:D}@example.org");
        Assert.NotNull(received);
        Assert.Equal("ada@example.com", received.Headers["X-RcptTo"]);
        Assert.Equal("ada@example.com", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("notifications@example.org", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal(message.Subject, received.Subject);
        Assert.Equal(message.TextBody, received.TextBody);
    }

    [Fact]
    public async Task AServerThatDoesNotAnswer_IsAFailure_ForTheQueueToRetry()
    {
        using var services = Services("127.0.0.1", ClosedPort());

        await Assert.ThrowsAnyAsync<Exception>(() =>
            services.GetRequiredService<IEmailSender>().SendAsync(new EmailMessage(Guid.NewGuid(), "ada@example.com", "Hello", "Hello"), CancellationToken.None));
    }

    private static ServiceProvider Services(string host, int port) => InfrastructureServices.Build(new Dictionary<string, string?>
    {
        ["Email:Delivery"] = "Smtp",
        ["Email:From"] = "TaskOrchestration <notifications@example.org>",
        ["Email:Smtp:Host"] = host,
        ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Timeout"] = "00:00:10",
    });

    /// <summary>A port nothing listens on: one the system just gave out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
