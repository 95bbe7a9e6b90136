using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// "Sends" each email by writing it as <c>{id}.eml</c> into the pickup folder: for development (open the file in a
/// mail reader), or for a local mail agent that delivers what appears there. Written under a temporary name and
/// renamed, so a reader never sees half a message; sending the same email again replaces its file.
/// </summary>
internal sealed class PickupFolderEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = MimeMessages.From(message, _options.From);
        var folder = Directory.CreateDirectory(_options.ResolvedPickupFolder).FullName;
        var path = Path.Combine(folder, $"{message.Id:D}.eml");
        var partial = Path.Combine(folder, $".{message.Id:D}.{Guid.NewGuid():N}.tmp");
        try
        {
            await mime.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
