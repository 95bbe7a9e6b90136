using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Comments;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Teams;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.LiveUpdates;

/// <summary>
/// /hubs/tasks with the SignalR .NET client over real HTTP and WebSockets: the outbox feeds it through PostgreSQL
/// LISTEN/NOTIFY, each person receives the events of the tasks they may see, and it works across API instances.
/// </summary>
[Collection(LiveUpdatesTestGroup.Name)]
public sealed class LiveUpdatesTests(LiveUpdatesFactory factory) : ApiTestBase(factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<HubConnection> _connections = [];
    private readonly List<IAsyncDisposable> _secondInstances = [];

    [Fact]
    public async Task EachPerson_ReceivesTheEventsOfTheTasksTheyMaySee_AndNoOthers()
    {
        var manager = await SignUpAsync("manager");
        var insider = await SignUpAsync();
        var outsider = await SignUpAsync();
        var creator = await SignUpAsync();
        var team = await CreateTeamAsync(manager, insider, creator);

        var managerSees = await ConnectAsync(manager);
        var insiderSees = await ConnectAsync(insider);
        var outsiderSees = await ConnectAsync(outsider);

        var teamTask = await CreateAsync(creator, new { title = "Team only", teamId = team.Id });
        var publicTask = await CreateAsync(creator, new { title = "For everyone" });

        foreach (var received in new[] { managerSees, insiderSees })
        {
            var first = await received.NextAsync();
            var second = await received.NextAsync();
            Assert.Equal([(teamTask, EventType.TaskCreated), (publicTask, EventType.TaskCreated)], [(first.TaskId, first.Type), (second.TaskId, second.Type)]);
        }

        // Events of one dispatcher reach every listener in the order they were published: the public task's event
        // coming first means the team task's was not sent to the outsider at all.
        var outsiders = await outsiderSees.NextAsync();
        Assert.Equal((publicTask, EventType.TaskCreated), (outsiders.TaskId, outsiders.Type));
        Assert.Equal((creator.Id, EventActorKind.User), (outsiders.Actor.Id, outsiders.Actor.Kind));
        Assert.Equal("pending", outsiders.Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ATransition_ArrivesWithItsData_AsTheEnvelopeOfDocsEvents()
    {
        var owner = await SignUpAsync();
        var watcher = await SignUpAsync();
        var received = await ConnectAsync(watcher);
        var taskId = await CreateAsync(owner, new { title = "Watched" });
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/tasks/{taskId}/take", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/tasks/{taskId}/complete", Json.Body(new { result = "Shipped" }))).StatusCode);

        var events = new[] { await received.NextAsync(), await received.NextAsync(), await received.NextAsync() };

        Assert.Equal([EventType.TaskCreated, EventType.TaskTaken, EventType.TaskCompleted], events.Select(envelope => envelope.Type));
        Assert.Equal(("running", "done", "Shipped"), (events[2].Data.GetProperty("from").GetString(), events[2].Data.GetProperty("to").GetString(), events[2].Data.GetProperty("result").GetString()));
        Assert.Equal(EventEnvelope.CurrentVersion, events[2].Version);
    }

    [Fact]
    public async Task AnEditAndAComment_Written_Edited_AndDeleted_ArriveAsTheirEnvelopes()
    {
        var owner = await SignUpAsync();
        var watcher = await SignUpAsync();
        var received = await ConnectAsync(watcher);
        var taskId = await CreateAsync(owner, new { title = "Watched" });

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PatchAsync($"/api/v1/tasks/{taskId}", Json.Body(new { title = "Renamed", priority = "high" }))).StatusCode);
        var added = await owner.Client.PostAsync($"/api/v1/tasks/{taskId}/comments", Json.Body(new { body = "First thought" }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var comment = await added.ReadAsync<CommentDto>();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PatchAsync($"/api/v1/tasks/{taskId}/comments/{comment.Id}", Json.Body(new { body = "Second thought" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/tasks/{taskId}/comments/{comment.Id}")).StatusCode);

        var events = new List<EventEnvelope>();
        for (var count = 0; count < 5; count++)
        {
            events.Add(await received.NextAsync());
        }

        Assert.Equal(
            [EventType.TaskCreated, EventType.TaskUpdated, EventType.TaskCommented, EventType.TaskCommented, EventType.TaskCommented],
            events.Select(envelope => envelope.Type));
        Assert.All(events, envelope => Assert.Equal((taskId, owner.Id, EventActorKind.User), (envelope.TaskId, envelope.Actor.Id, envelope.Actor.Kind)));
        Assert.Equal(["title", "priority"], events[1].Data.GetProperty("fields").EnumerateArray().Select(field => field.GetString()));
        Assert.Equal(
            [(comment.Id, "added"), (comment.Id, "edited"), (comment.Id, "deleted")],
            events.Skip(2).Select(envelope => (envelope.Data.GetProperty("commentId").GetGuid(), envelope.Data.GetProperty("change").GetString())));
    }

    [Fact]
    public async Task AMemberRemovedFromATeam_IsReconnected_AndNoLongerReceivesItsTasks_OnAnotherInstanceToo()
    {
        var manager = await SignUpAsync("manager");
        var member = await SignUpAsync();
        var team = await CreateTeamAsync(manager, member);
        // Connected to a second API instance: the removal is made through the first, and only PostgreSQL tells the second.
        using var secondClient = StartSecondInstance().CreateClient();
        var received = await ConnectAsync(member, secondClient.BaseAddress!);
        var whileAMember = await CreateAsync(manager, new { title = "Seen while a member", teamId = team.Id });
        Assert.Equal(whileAMember, (await received.NextAsync()).TaskId);

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.DeleteAsync($"/api/v1/teams/{team.Id}/members/{member.Id}")).StatusCode);
        await received.ReconnectedAsync();

        await AssertSeesOnlyTheNextPublicTaskAsync(received, manager, team.Id);
    }

    [Fact]
    public async Task AMemberAddedToATeam_IsReconnected_AndReceivesItsTasks()
    {
        var manager = await SignUpAsync("manager");
        var member = await SignUpAsync();
        var team = await CreateTeamAsync(manager);
        var received = await ConnectAsync(member);

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", null)).StatusCode);
        await received.ReconnectedAsync();
        var teamTask = await CreateAsync(manager, new { title = "Team only", teamId = team.Id });

        var next = await received.NextAsync();
        Assert.Equal((teamTask, EventType.TaskCreated), (next.TaskId, next.Type));
    }

    [Fact]
    public async Task AManagerDemotedToMember_IsReconnected_AndNoLongerReceivesOtherTeamsTasks()
    {
        var admin = await SignUpAsync("admin");
        var manager = await SignUpAsync("manager");
        var team = await CreateTeamAsync(admin);
        var received = await ConnectAsync(manager);
        var whileAManager = await CreateAsync(admin, new { title = "Seen while a manager", teamId = team.Id });
        Assert.Equal(whileAManager, (await received.NextAsync()).TaskId);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsync($"/api/v1/users/{manager.Id}/role", Json.Body(new { role = "member" }))).StatusCode);
        // The client reconnects with the token it has, which still says "manager": the hub goes by the stored role.
        await received.ReconnectedAsync();

        await AssertSeesOnlyTheNextPublicTaskAsync(received, admin, team.Id);
    }

    [Fact]
    public async Task ADeactivatedUser_IsDisconnected_AndTheirReconnectionRefused()
    {
        var admin = await SignUpAsync("admin");
        var user = await SignUpAsync();
        var received = await ConnectAsync(user);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/v1/users/{user.Id}/deactivate", null)).StatusCode);

        await received.ClosedAsync();
        Assert.False(received.WasReconnected);
    }

    [Theory]
    [MemberData(nameof(SessionEndings.All), MemberType = typeof(SessionEndings))]
    public async Task AConnectionOfAnEndedSession_IsClosedAtOnce_AndItsReconnectionRefused(SessionEnding how)
    {
        var user = await SignUpAsync();
        var session = await SignInForTokensAsync(user.Email);
        var received = await ConnectAsync(user, token: session.AccessToken);

        await EndSessionAsync(how, user, session);

        await received.ClosedAsync();
        Assert.False(received.WasReconnected);
    }

    [Fact]
    public async Task AConnection_IsClosedWhenItsAccessTokenExpires()
    {
        var user = await SignUpAsync();
        var expiresSoon = Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory), expires: DateTime.UtcNow.AddSeconds(3));
        // Without reconnecting: the same token would be accepted again for the validator's clock skew.
        var received = await ConnectAsync(user, token: expiresSoon, reconnect: false);

        await received.ClosedAsync();
    }

    [Fact]
    public async Task AChangeMadeThroughOneInstance_ReachesAPersonConnectedToAnother()
    {
        var owner = await SignUpAsync();
        var watcher = await SignUpAsync();
        // A second API instance on the same database: it runs no dispatcher, so the event can only come from the
        // first instance's dispatcher, through PostgreSQL.
        using var secondClient = StartSecondInstance().CreateClient();
        var received = await ConnectAsync(watcher, secondClient.BaseAddress!);

        var taskId = await CreateAsync(owner, new { title = "Across instances" });

        var envelope = await received.NextAsync();
        Assert.Equal((taskId, EventType.TaskCreated), (envelope.TaskId, envelope.Type));
    }

    [Fact]
    public async Task ANewNotification_ReachesItsRecipientLive_AndNobodyElse()
    {
        var manager = await SignUpAsync("manager");
        var assignee = await SignUpAsync();
        var bystander = await SignUpAsync();
        var assigneeReceives = await ConnectAsync(assignee);
        var bystanderReceives = await ConnectAsync(bystander);
        var taskId = await CreateAsync(manager, new { title = "Yours now" });

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/tasks/{taskId}/assignees/{assignee.Id}", null)).StatusCode);

        var notification = await assigneeReceives.NextNotificationAsync();
        Assert.Equal((EventType.TaskAssigned, (Guid?)taskId, (Guid?)manager.Id, (DateTimeOffset?)null), (notification.Type, notification.TaskId, notification.ActorId, notification.ReadAt));
        Assert.Contains("Yours now", notification.Title, StringComparison.Ordinal);
        // The bystander sees the task's events (a public task) but is told nothing of it.
        Assert.Equal(EventType.TaskCreated, (await bystanderReceives.NextAsync()).Type);
        Assert.Equal(EventType.TaskAssigned, (await bystanderReceives.NextAsync()).Type);
        Assert.False(bystanderReceives.HasNotification);
    }

    [Fact]
    public async Task WithoutAToken_TheHubRefusesTheConnection()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.ClientOptions.BaseAddress, "/hubs/tasks"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        _connections.Add(connection);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenInTheQueryString_CountsForWebSocketsOnly()
    {
        var user = await SignUpAsync();
        var token = (await SignInForTokensAsync(user.Email)).AccessToken;
        using var anonymous = Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/users/me?access_token={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/hubs/tasks/negotiate?negotiateVersion=1&access_token={token}", null)).StatusCode);
    }

    /// <summary>
    /// What a browser does: its WebSocket cannot carry headers, so the SignalR JavaScript client puts the token in
    /// the query string (the .NET client above sends a header, and would not notice if this stopped working).
    /// </summary>
    [Fact]
    public async Task ABrowserStyleWebSocket_WithTheTokenInTheQueryStringOnly_IsAccepted()
    {
        var user = await SignUpAsync();
        var token = (await SignInForTokensAsync(user.Email)).AccessToken;
        var hub = new UriBuilder(new Uri(Factory.ClientOptions.BaseAddress, "/hubs/tasks")) { Scheme = "ws" };
        using var refused = new System.Net.WebSockets.ClientWebSocket();
        using var accepted = new System.Net.WebSockets.ClientWebSocket();

        var withoutToken = await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => refused.ConnectAsync(hub.Uri, CancellationToken.None));
        hub.Query = $"access_token={Uri.EscapeDataString(token)}";
        await accepted.ConnectAsync(hub.Uri, CancellationToken.None);
        // The SignalR handshake: the server answers an empty JSON object when it takes the connection.
        await accepted.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[256];
        var answer = await accepted.ReceiveAsync(buffer, new CancellationTokenSource(Patience).Token);

        Assert.Contains("401", withoutToken.Message, StringComparison.Ordinal);
        Assert.Equal("{}\u001e", System.Text.Encoding.UTF8.GetString(buffer, 0, answer.Count));
        await accepted.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        // After the connections: a server stopped with a WebSocket still open waits out its shutdown timeout (30 s).
        foreach (var instance in _secondInstances)
        {
            await instance.DisposeAsync();
        }
    }

    /// <summary>A second API instance on the same database, on a port of its own, stopped after the test's connections.</summary>
    private WebApplicationFactory<Program> StartSecondInstance()
    {
        var instance = Factory.WithWebHostBuilder(builder => builder.UseSetting("Role", "api"));
        _secondInstances.Add(instance);
        instance.UseKestrel(0);
        instance.StartServer();
        return instance;
    }

    private static async Task<Guid> CreateAsync(TestUser user, object body)
    {
        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<Application.Tasks.TaskDto>()).Id;
    }

    private static async Task<TeamDto> CreateTeamAsync(TestUser manager, params TestUser[] members)
    {
        var team = await (await manager.Client.PostAsync("/api/v1/teams", Json.Body(new { name = $"Ops {Guid.NewGuid():N}" }))).ReadAsync<TeamDto>();
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", null)).StatusCode);
        }

        return team;
    }

    /// <summary>
    /// Creates a task of <paramref name="teamId"/>, then one without a team: events reach a connection in the order
    /// they were published, so the public task's event coming first means the team task's was not sent to it.
    /// </summary>
    private static async Task AssertSeesOnlyTheNextPublicTaskAsync(Inbox received, TestUser creator, Guid teamId)
    {
        _ = await CreateAsync(creator, new { title = "Team only", teamId });
        var publicTask = await CreateAsync(creator, new { title = "For everyone" });

        var next = await received.NextAsync();
        Assert.Equal((publicTask, EventType.TaskCreated), (next.TaskId, next.Type));
    }

    /// <summary>
    /// Connects as <paramref name="user"/> (with a token of theirs, or <paramref name="token"/>). Like the web app, the
    /// client reconnects on its own when the connection is lost, here at once and once only, so that a refused
    /// reconnection closes it without the client's default waits.
    /// </summary>
    private async Task<Inbox> ConnectAsync(TestUser user, Uri? server = null, string? token = null, bool reconnect = true)
    {
        var accessToken = token ?? (await SignInForTokensAsync(user.Email)).AccessToken;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server ?? Factory.ClientOptions.BaseAddress, "/hubs/tasks"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            })
            .AddJsonProtocol(options => WebApiSetup.ConfigureJson(options.PayloadSerializerOptions));
        if (reconnect)
        {
            builder.WithAutomaticReconnect([TimeSpan.Zero]);
        }

        var connection = builder.Build();
        var inbox = new Inbox(connection);
        await connection.StartAsync();
        _connections.Add(connection);
        return inbox;
    }

    /// <summary>What one connection received, in order, and whether it was closed or reconnected.</summary>
    private sealed class Inbox
    {
        private readonly BlockingCollection<EventEnvelope> _received = [];
        private readonly BlockingCollection<NotificationDto> _notifications = [];
        private readonly TaskCompletionSource _reconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Inbox(HubConnection connection)
        {
            connection.On<EventEnvelope>("taskEvent", _received.Add);
            connection.On<NotificationDto>("notification", _notifications.Add);
            connection.Reconnected += _ => Signal(_reconnected);
            connection.Closed += _ => Signal(_closed);
        }

        public bool HasNotification => _notifications.Count > 0;

        public bool WasReconnected => _reconnected.Task.IsCompleted;

        /// <summary>Waits for the server to end the connection and the client to open it again.</summary>
        public Task ReconnectedAsync() => WithinPatienceAsync(_reconnected.Task, "The connection was not ended and opened again");

        /// <summary>Waits for the connection to be closed for good (not reopened, or its reopening refused).</summary>
        public Task ClosedAsync() => WithinPatienceAsync(_closed.Task, "The connection was not closed");

        public async Task<EventEnvelope> NextAsync() =>
            await Task.Run(() => _received.TryTake(out var next, Patience) ? next : throw new TimeoutException($"No live update within {Patience}."));

        public async Task<NotificationDto> NextNotificationAsync() =>
            await Task.Run(() => _notifications.TryTake(out var next, Patience) ? next : throw new TimeoutException($"No notification within {Patience}."));

        private static Task Signal(TaskCompletionSource happened)
        {
            happened.TrySetResult();
            return Task.CompletedTask;
        }

        private static async Task WithinPatienceAsync(Task happening, string otherwise)
        {
            if (await Task.WhenAny(happening, Task.Delay(Patience)) != happening)
            {
                throw new TimeoutException($"{otherwise} within {Patience}.");
            }
        }
    }
}
