using System.Net;
using Npgsql;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Notifications;

/// <summary>The inbox over HTTP: the caller's own notifications, newest first, paged, marked read one by one or all at once.</summary>
public sealed class InboxTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheInbox_ListsTheCallersNotifications_NewestFirst_Paged_AndFilteredToUnread()
    {
        var ada = await SignUpAsync();
        var bo = await SignUpAsync();
        var oldest = await AddNotificationAsync(ada.Id, "Oldest", Start, read: true);
        var middle = await AddNotificationAsync(ada.Id, "Middle", Start.AddMinutes(1));
        var newest = await AddNotificationAsync(ada.Id, "Newest", Start.AddMinutes(2));
        await AddNotificationAsync(bo.Id, "Bo's own", Start.AddMinutes(3));

        var all = await ListAsync(ada, "?includeTotal=true");
        Assert.Equal([newest, middle, oldest], all.Items.Select(notification => notification.Id));
        Assert.Equal((3, false), (all.TotalCount, all.HasMore));
        var only = all.Items[0];
        Assert.Equal((EventType.TaskCompleted, "Newest", "Some detail", (DateTimeOffset?)null), (only.Type, only.Title, only.Body, only.ReadAt));

        var firstPage = await ListAsync(ada, "?pageSize=2");
        Assert.Equal([newest, middle], firstPage.Items.Select(notification => notification.Id));
        Assert.Equal((true, (int?)null), (firstPage.HasMore, firstPage.TotalCount));
        Assert.Equal([oldest], (await ListAsync(ada, "?pageSize=2&page=2")).Items.Select(notification => notification.Id));
        Assert.Equal([newest, middle], (await ListAsync(ada, "?unread=true")).Items.Select(notification => notification.Id));
    }

    [Fact]
    public async Task MarkingRead_IsIdempotent_AndSomeoneElsesNotification_DoesNotExist()
    {
        var ada = await SignUpAsync();
        var bo = await SignUpAsync();
        var adas = await AddNotificationAsync(ada.Id, "For Ada", Start);

        await Problem.AssertAsync(await bo.Client.PostAsync($"/api/v1/notifications/{adas}/read", null), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await ada.Client.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null), HttpStatusCode.NotFound, "not_found");
        Assert.Null(Assert.Single((await ListAsync(ada)).Items).ReadAt);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Client.PostAsync($"/api/v1/notifications/{adas}/read", null)).StatusCode);
        var readAt = Assert.Single((await ListAsync(ada)).Items).ReadAt;
        Assert.NotNull(readAt);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Client.PostAsync($"/api/v1/notifications/{adas}/read", null)).StatusCode);
        Assert.Equal(readAt, Assert.Single((await ListAsync(ada)).Items).ReadAt);
        Assert.Empty((await ListAsync(ada, "?unread=true")).Items);
    }

    [Fact]
    public async Task ReadAll_MarksEveryUnreadNotificationOfTheCaller_AndAnswersHowMany()
    {
        var ada = await SignUpAsync();
        var bo = await SignUpAsync();
        await AddNotificationAsync(ada.Id, "One", Start);
        await AddNotificationAsync(ada.Id, "Two", Start.AddMinutes(1));
        await AddNotificationAsync(ada.Id, "Already read", Start.AddMinutes(2), read: true);
        await AddNotificationAsync(bo.Id, "Bo's", Start);

        Assert.Equal(2, (await (await ada.Client.PostAsync("/api/v1/notifications/read-all", null)).ReadAsync<MarkedNotificationsDto>()).Marked);
        Assert.Equal(0, (await (await ada.Client.PostAsync("/api/v1/notifications/read-all", null)).ReadAsync<MarkedNotificationsDto>()).Marked);

        Assert.Empty((await ListAsync(ada, "?unread=true")).Items);
        Assert.Single((await ListAsync(bo, "?unread=true")).Items);
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?unread=maybe", "unread")]
    public async Task BadPaging_IsA400_NamingTheParameter(string query, string parameter)
    {
        var ada = await SignUpAsync();

        var problem = await Problem.AssertAsync(await ada.Client.GetAsync($"/api/v1/notifications{query}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(parameter, problem.Errors.Keys);
    }

    private static async Task<PagedList<NotificationDto>> ListAsync(TestUser user, string query = "")
    {
        var response = await user.Client.GetAsync($"/api/v1/notifications{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<PagedList<NotificationDto>>();
    }

    private async Task<Guid> AddNotificationAsync(Guid recipientId, string title, DateTimeOffset createdAt, bool read = false)
    {
        var id = Guid.CreateVersion7(createdAt);
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO notifications (id, recipient_id, type, task_id, event_id, actor_id, title, body, created_at, read_at)
            VALUES (@id, @recipient, 'taskCompleted', @task, @event, @actor, @title, 'Some detail', @createdAt, @readAt)
            """, connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("recipient", recipientId);
        insert.Parameters.AddWithValue("task", Guid.NewGuid());
        insert.Parameters.AddWithValue("event", Guid.NewGuid());
        insert.Parameters.AddWithValue("actor", Guid.NewGuid());
        insert.Parameters.AddWithValue("title", title);
        insert.Parameters.AddWithValue("createdAt", createdAt);
        insert.Parameters.AddWithValue("readAt", read ? createdAt.AddMinutes(5) : DBNull.Value);
        await insert.ExecuteNonQueryAsync();
        return id;
    }
}
