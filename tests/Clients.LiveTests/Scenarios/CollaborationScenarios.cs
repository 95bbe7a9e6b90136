using TaskOrchestration.Client;

namespace TaskOrchestration.Clients.LiveTests.Scenarios;

/// <summary>Working together: teams, comments, the people directory, tags and notifications.</summary>
internal static class CollaborationScenarios
{
    public static readonly IReadOnlyDictionary<string, Func<World, Task>> All = new Dictionary<string, Func<World, Task>>(StringComparer.Ordinal)
    {
        ["CreateTeam"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var name = $"Team {Guid.NewGuid():N}";
            var team = await manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = name });
            Assert.Equal((name, 0), (team.Name, team.MemberIds.Count));
            await Expect.ProblemAsync(409, "team_name_taken", () => manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = name }));
        },
        ["ListTeams"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var team = await manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = $"Team {Guid.NewGuid():N}" });
            Assert.Contains(team.Id, (await manager.Api.ListTeamsAsync()).Select(listed => listed.Id));
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().ListTeamsAsync());
        },
        ["GetTeam"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var team = await manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = $"Team {Guid.NewGuid():N}" });
            var read = await manager.Api.GetTeamAsync(team.Id);
            Assert.Equal((team.Id, team.Name), (read.Id, read.Name));
            await Expect.ProblemAsync(404, "not_found", () => manager.Api.GetTeamAsync(Guid.NewGuid()));
        },
        ["AddTeamMember"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            var team = await manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = $"Team {Guid.NewGuid():N}" });
            Assert.Equal([ada.User.Id], (await manager.Api.AddTeamMemberAsync(team.Id, ada.User.Id)).MemberIds);
            await Expect.ProblemAsync(403, "role_required", () => ada.Api.AddTeamMemberAsync(team.Id, ada.User.Id));
        },
        ["RemoveTeamMember"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            var team = await manager.Api.CreateTeamAsync(new CreateTeamCommand { Name = $"Team {Guid.NewGuid():N}" });
            await manager.Api.AddTeamMemberAsync(team.Id, ada.User.Id);
            Assert.Empty((await manager.Api.RemoveTeamMemberAsync(team.Id, ada.User.Id)).MemberIds);
            await Expect.ProblemAsync(404, "not_found", () => manager.Api.RemoveTeamMemberAsync(Guid.NewGuid(), ada.User.Id));
        },
        ["ListComments"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            await ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = "First" });
            await ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = "Second" });
            Assert.Equal(["First", "Second"], (await ada.Api.ListCommentsAsync(task.Id)).Items.Select(comment => comment.Body));
            var page = await ada.Api.ListCommentsAsync(task.Id, page: 2, pageSize: 1, includeTotal: true);
            Assert.Equal(["Second"], page.Items.Select(comment => comment.Body));
            Assert.Equal(2, page.TotalCount);
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.ListCommentsAsync(Guid.NewGuid()));
        },
        ["AddComment"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            var comment = await ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = "Looks good" });
            Assert.Equal((task.Id, ada.User.Id, "Looks good", false), (comment.TaskId, comment.AuthorId, comment.Body, comment.Edited));
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = string.Empty }));
        },
        ["EditComment"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var bob = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            var comment = await ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = "Draft" });
            var edited = await ada.Api.EditCommentAsync(task.Id, comment.Id, new CommentRequest { Body = "Final" });
            Assert.Equal(("Final", true), (edited.Body, edited.Edited));
            await Expect.ProblemAsync(403, "not_author", () => bob.Api.EditCommentAsync(task.Id, comment.Id, new CommentRequest { Body = "Mine now" }));
        },
        ["DeleteComment"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var task = await World.TaskAsync(ada);
            var comment = await ada.Api.AddCommentAsync(task.Id, new CommentRequest { Body = "Oops" });
            await ada.Api.DeleteCommentAsync(task.Id, comment.Id);
            Assert.Empty((await ada.Api.ListCommentsAsync(task.Id)).Items);
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.DeleteCommentAsync(task.Id, Guid.NewGuid()));
        },
        ["ListPeople"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            var ada = await world.NewPersonAsync();
            Assert.NotEmpty((await manager.Api.ListPeopleAsync()).Items);
            var found = await manager.Api.ListPeopleAsync(ada.User.DisplayName, [ada.User.Id], page: 1, pageSize: 5, includeTotal: true);
            Assert.Equal([ada.User.Id], found.Items.Select(person => person.Id));
            Assert.Equal(1, found.TotalCount);
            await Expect.ProblemAsync(400, "validation_failed", () => manager.Api.ListPeopleAsync(pageSize: 0));
        },
        ["ListTags"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var tag = $"t{Guid.NewGuid():N}"[..9];
            await ada.Api.SetTaskTagsAsync((await World.TaskAsync(ada)).Id, new SetTagsRequest { Tags = [tag] });
            Assert.Contains((await ada.Api.ListTagsAsync()), usage => usage.Name == tag && usage.Count == 1);
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().ListTagsAsync());
        },
        ["ListNotifications"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var notification = await NotifiedAsync(world, ada);
            Assert.Equal((EventType.TaskAssigned, null), (notification.Type, notification.ReadAt));
            Assert.Contains(notification.Id, (await ada.Api.ListNotificationsAsync()).Items.Select(listed => listed.Id));
            var unread = await ada.Api.ListNotificationsAsync(unread: true, page: 1, pageSize: 1, includeTotal: true);
            Assert.Equal([notification.Id], unread.Items.Select(listed => listed.Id));
            Assert.Equal(1, unread.TotalCount);
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.ListNotificationsAsync(page: 0));
        },
        ["MarkNotificationRead"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var notification = await NotifiedAsync(world, ada);
            await ada.Api.MarkNotificationReadAsync(notification.Id);
            Assert.Empty((await ada.Api.ListNotificationsAsync(unread: true)).Items);
            await Expect.ProblemAsync(404, "not_found", () => ada.Api.MarkNotificationReadAsync(Guid.NewGuid()));
        },
        ["MarkAllNotificationsRead"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            await NotifiedAsync(world, ada);
            Assert.Equal(1, (await ada.Api.MarkAllNotificationsReadAsync()).Marked);
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().MarkAllNotificationsReadAsync());
        },
        ["GetNotificationPreferences"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var preferences = (await ada.Api.GetNotificationPreferencesAsync()).Preferences;
            Assert.Contains(preferences, preference => preference.Type == EventType.TaskAssigned && preference.IsDefault);
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().GetNotificationPreferencesAsync());
        },
        ["UpdateNotificationPreferences"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var updated = await ada.Api.UpdateNotificationPreferencesAsync(new UpdateNotificationPreferencesCommand
            {
                Preferences = [new NotificationPreferenceChange { Type = EventType.TaskCommented, InApp = false, Email = false }],
            });
            Assert.Contains(updated.Preferences, preference => preference is { Type: EventType.TaskCommented, InApp: false, Email: false, IsDefault: false });
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().UpdateNotificationPreferencesAsync(new UpdateNotificationPreferencesCommand { Preferences = [] }));
        },
    };

    /// <summary>A task assigned to the person by a manager, which tells them (taskAssigned) a moment later through the outbox: at most 30 s.</summary>
    private static async Task<NotificationDto> NotifiedAsync(World world, Person person)
    {
        var manager = await world.NewPersonAsync(UserRole.Manager);
        await manager.Api.AddTaskAssigneeAsync((await World.TaskAsync(manager)).Id, person.User.Id);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await person.Api.ListNotificationsAsync(unread: true)).Items is [var notification, ..])
            {
                return notification;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new InvalidOperationException($"{person.Email} had no notification within 30 s.");
    }
}
