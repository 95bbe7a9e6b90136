using System.Diagnostics;
using System.Net;
using MimeKit;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Notifications;

/// <summary>From a change over HTTP to the inbox and the pickup folder: the consumer and the email sender running in the host.</summary>
[Collection(NotificationTestGroup.Name)]
public sealed class DeliveryTests(NotificationApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AnAssignment_ReachesTheAssigneesInbox_AndTheirEmail_ButNotTheManagerWhoMadeIt()
    {
        var creator = await SignUpAsync();
        var member = await SignUpAsync();
        var manager = await SignUpAsync("manager");
        var task = await CreateTaskAsync(creator, "Write the release notes");

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{member.Id}", null)).StatusCode);

        var assigned = Assert.Single(await WaitForInboxAsync(member, count: 1));
        Assert.Equal((EventType.TaskAssigned, "Test User assigned you to \"Write the release notes\"", task.Id, manager.Id), (assigned.Type, assigned.Title, assigned.TaskId, assigned.ActorId));
        Assert.Equal(EventType.TaskAssigned, Assert.Single(await WaitForInboxAsync(creator, count: 1)).Type);
        using var email = await WaitForEmailAsync(member.Email);
        Assert.Equal(assigned.Title, email.Subject);
        Assert.Contains($"Task: {task.Id}", email.TextBody, StringComparison.Ordinal);
        Assert.Empty((await InboxAsync(manager)).Items);
    }

    [Fact]
    public async Task APersonWhoTurnedATypeOff_IsNotToldOfIt_ButOfTheNextThing()
    {
        var creator = await SignUpAsync();
        var member = await SignUpAsync();
        var manager = await SignUpAsync("manager");
        var turnedOff = await member.Client.PutAsync("/api/v1/users/me/notification-preferences", Json.Body(new { preferences = new[] { new { type = "taskAssigned", inApp = false, email = false } } }));
        Assert.Equal(HttpStatusCode.OK, turnedOff.StatusCode);
        var task = await CreateTaskAsync(creator, "Ship it");

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/tasks/{task.Id}/assignees/{member.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manager.Client.PostAsync($"/api/v1/tasks/{task.Id}/comments", Json.Body(new { body = "Please ship it today" }))).StatusCode);

        // A task's events are delivered in order: once the comment is in the inbox, the assignment was handled before it.
        Assert.Equal([EventType.TaskCommented], (await WaitForInboxAsync(member, count: 1)).Select(notification => notification.Type));
        Assert.Equal([EventType.TaskCommented, EventType.TaskAssigned], (await WaitForInboxAsync(creator, count: 2)).Select(notification => notification.Type));
        // Queued in the same transaction as the notifications: none was queued for the member.
        Assert.Equal(0, await QueuedEmailsToAsync(member.Email));
        Assert.Equal(1, await QueuedEmailsToAsync(creator.Email));
    }

    private async Task<long> QueuedEmailsToAsync(string address)
    {
        await using var connection = await factory.Database.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outgoing_emails WHERE to_address = @address", connection);
        command.Parameters.AddWithValue("address", address);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<PagedList<NotificationDto>> InboxAsync(TestUser user)
    {
        var response = await user.Client.GetAsync("/api/v1/notifications");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<PagedList<NotificationDto>>();
    }

    /// <summary>Polls the inbox until it holds <paramref name="count"/> notifications; fails after 20 s (the dispatcher polls every 0.1 s here).</summary>
    private static async Task<IReadOnlyList<NotificationDto>> WaitForInboxAsync(TestUser user, int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var inbox = (await InboxAsync(user)).Items;
            if (inbox.Count >= count)
            {
                return inbox;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"The inbox holds {inbox.Count} notifications after 20 s, not {count}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls the pickup folder until an email to <paramref name="address"/> is there; fails after 20 s.</summary>
    private async Task<MimeMessage> WaitForEmailAsync(string address)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            foreach (var file in Directory.GetFiles(factory.PickupFolder, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }

                message.Dispose();
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"No email to {address} after 20 s.");
            await Task.Delay(100);
        }
    }
}
