using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Email;

/// <summary>The pickup folder sender (the development default): one .eml file per email, named by its id.</summary>
public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task AnEmail_IsWrittenAsAnEmlFile_NamedByItsId_AndSendingItAgainReplacesIt()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["Email:PickupFolder"] = Path.Combine(_folder.Path, "pickup"),
            ["Email:From"] = "notifications@example.org",
        });
        var sender = services.GetRequiredService<IEmailSender>();
        var message = new EmailMessage(Guid.NewGuid(), "ada@example.com", "Your daily summary", "Open (1):\n- \"Fix the build\"\n");

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "pickup")));
        Assert.Equal($"{message.Id:D}.eml", Path.GetFileName(file));
        using var written = await MimeMessage.LoadAsync(file);
        Assert.Equal($"{message.Id:D}@example.org", written.MessageId);
        Assert.Equal("ada@example.com", Assert.Single(written.To.Mailboxes).Address);
        Assert.Equal("notifications@example.org", Assert.Single(written.From.Mailboxes).Address);
        Assert.Equal((message.Subject, message.TextBody), (written.Subject, written.TextBody));
    }

    public void Dispose() => _folder.Dispose();
}
