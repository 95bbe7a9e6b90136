using Microsoft.AspNetCore.Hosting;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Notifications;

/// <summary>
/// The API with the worker role (role both, as run.sh runs it), so that events reach the notifications consumer and
/// queued emails reach a pickup folder, with the dispatcher's and the sender's polls cut to a tenth of a second.
/// </summary>
public sealed class NotificationApiFactory : ApiFactory
{
    private readonly DirectoryInfo _pickup = Directory.CreateTempSubdirectory("taskorch-pickup-");

    /// <summary>Where the emails are written, one .eml file each.</summary>
    public string PickupFolder => _pickup.FullName;

    protected override string DatabaseName => "taskorch_notifications";

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Role", "both");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.100");
        builder.UseSetting("Email:PollInterval", "00:00:00.100");
        builder.UseSetting("Email:Delivery", "PickupFolder");
        builder.UseSetting("Email:PickupFolder", _pickup.FullName);
        builder.UseSetting("Email:From", "notifications@example.org");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _pickup.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationTestGroup : ICollectionFixture<NotificationApiFactory>
{
    public const string Name = "notifications";
}
