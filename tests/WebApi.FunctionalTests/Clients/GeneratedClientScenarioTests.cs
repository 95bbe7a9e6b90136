using System.Net;
using TaskOrchestration.Client;
using Api = TaskOrchestration.Client;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Clients;

/// <summary>
/// The generated C# client (clients/csharp) against the real API: a whole scenario through it, and its token
/// refresh. A client that no longer matches the API fails here.
/// </summary>
public sealed class GeneratedClientScenarioTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Register_SignIn_Create_Take_Complete_Comment_ThroughTheGeneratedClient()
    {
        var anonymous = new Api.TaskOrchestrationClient(Factory.CreateClient());
        var email = $"client-{Guid.NewGuid():N}@example.com";
        var registered = await anonymous.RegisterUserAsync(new Api.RegisterUserCommand { Email = email, Password = Password, DisplayName = "Client User" });
        using var session = new Api.Session(anonymous);
        await session.SignInAsync(email, Password);
        var client = new Api.TaskOrchestrationClient(Factory.CreateDefaultClient(new Api.AccessTokenHandler(session)));

        var created = await client.CreateTaskAsync(new Api.CreateTaskCommand { Title = "Ship the client", Priority = Api.TaskPriority.High });
        var taken = await client.TakeTaskAsync(created.Id, created.IfMatch());
        var completed = await client.CompleteTaskAsync(taken.Id, taken.IfMatch(), new Api.CompleteTaskRequest { Result = "Shipped" });
        var comment = await client.AddCommentAsync(completed.Id, new Api.CommentRequest { Body = "Nice work" });
        var comments = await client.ListCommentsAsync(completed.Id);
        var me = await client.GetCurrentUserAsync();

        Assert.Equal((Api.TaskItemStatus.Pending, Api.TaskPriority.High), (created.Status, created.Priority));
        Assert.Equal((Api.TaskItemStatus.Running, (Guid?)registered.Id), (taken.Status, taken.OwnerId));
        Assert.Equal((Api.TaskItemStatus.Done, "Shipped"), (completed.Status, completed.Result));
        Assert.Empty(completed.AllowedActions);
        Assert.Equal((registered.Id, "Nice work"), (comment.AuthorId, comment.Body));
        Assert.Equal([comment.Id], comments.Items.Select(item => item.Id));
        Assert.Equal((registered.Id, email), (me.Id, me.Email));
    }

    [Fact]
    public async Task Errors_AreOneExceptionType_CarryingTheProblem()
    {
        var user = await SignUpAsync();
        using var session = await SessionAsync(user.Email);
        var client = new Api.TaskOrchestrationClient(Factory.CreateDefaultClient(new Api.AccessTokenHandler(session)));
        var created = await client.CreateTaskAsync(new Api.CreateTaskCommand { Title = "Taken once" });
        await client.TakeTaskAsync(created.Id);

        var conflict = await Assert.ThrowsAnyAsync<Api.ApiException>(() => client.TakeTaskAsync(created.Id));
        var invalid = await Assert.ThrowsAnyAsync<Api.ApiException>(() => client.CreateTaskAsync(new Api.CreateTaskCommand { Title = "" }));
        var stale = await Assert.ThrowsAnyAsync<Api.ApiException>(() => client.ReleaseTaskAsync(created.Id, "\"1\""));

        Assert.Equal((409, "task_already_taken"), (conflict.StatusCode, conflict.Code));
        Assert.Equal((400, "validation_failed"), (invalid.StatusCode, invalid.Code));
        Assert.Contains("title", invalid.Errors.Keys);
        Assert.Equal((412, "precondition_failed"), (stale.StatusCode, stale.Code));
        Assert.All([conflict, invalid, stale], problem => Assert.False(string.IsNullOrEmpty(problem.TraceId)));
        Assert.Empty(conflict.Errors);
    }

    [Fact]
    public async Task AnExpiredAccessToken_IsRefreshedOnce_AndTheCallGoesThrough()
    {
        var user = await SignUpAsync();
        var anonymous = new Api.TaskOrchestrationClient(Factory.CreateClient());
        var issued = await anonymous.IssueTokenAsync(new Api.IssueTokenCommand { Email = user.Email, Password = Password });
        var provider = new ExpiredFirst(issued.RefreshToken, anonymous);
        var client = new Api.TaskOrchestrationClient(Factory.CreateDefaultClient(new Api.AccessTokenHandler(provider)));

        var me = await client.GetCurrentUserAsync();

        Assert.Equal(user.Id, me.Id);
        Assert.Equal(1, provider.Refreshes);
    }

    [Fact]
    public async Task ARefusedRefresh_EndsTheSession_AndTheCallerSees401()
    {
        var user = await SignUpAsync();
        using var session = await SessionAsync(user.Email);
        var ended = false;
        session.TokensChanged += tokens => ended = tokens is null;
        var client = new Api.TaskOrchestrationClient(Factory.CreateDefaultClient(new Api.AccessTokenHandler(session)));
        // Deactivation stops the access token at once and every refresh after it.
        Assert.Equal(1, await Factory.Database.ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = @id", ("id", user.Id)));

        var refused = await Assert.ThrowsAnyAsync<Api.ApiException>(() => client.GetCurrentUserAsync());

        Assert.Equal((401, "unauthorized"), (refused.StatusCode, refused.Code));
        Assert.True(ended);
        Assert.False(session.IsSignedIn);
    }

    [Fact]
    public async Task AFreshToken_IsTheSameWhileItLasts_AndRefreshedWhenItWouldExpireWithinTheMargin()
    {
        var user = await SignUpAsync();
        var clock = new MovableClock();
        using var session = new Api.Session(new Api.TaskOrchestrationClient(Factory.CreateClient()), clock);
        await session.SignInAsync(user.Email, Password);
        var first = await session.GetAccessTokenAsync(default);
        var changes = new List<Api.AccessTokenDto?>();
        session.TokensChanged += changes.Add;

        var stillFresh = await session.GetFreshAccessTokenAsync(TimeSpan.FromSeconds(30), default);
        var refreshesWhileFresh = changes.Count;
        // The API issues 15-minute access tokens: 14 minutes 45 s later, 30 s of margin no longer fit.
        clock.Now += TimeSpan.FromMinutes(14.75);
        var renewed = await session.GetFreshAccessTokenAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal((first, 0), (stillFresh, refreshesWhileFresh));
        // One refresh, whose pair is what the session now hands out. (Within the same second the access token may
        // read the same as before: same user, session and times; the refresh token always rotates.)
        var refreshed = Assert.Single(changes);
        Assert.Equal(refreshed!.AccessToken, renewed);
        var client = new Api.TaskOrchestrationClient(Factory.CreateDefaultClient(new Api.AccessTokenHandler(session)));
        Assert.Equal(user.Id, (await client.GetCurrentUserAsync()).Id);
    }

    private async Task<Api.Session> SessionAsync(string email)
    {
        var session = new Api.Session(new Api.TaskOrchestrationClient(Factory.CreateClient()));
        await session.SignInAsync(email, Password);
        return session;
    }

    /// <summary>Offers a token the API refuses first, then refreshes with the real refresh token.</summary>
    private sealed class ExpiredFirst(string refreshToken, Api.ITaskOrchestrationClient anonymous) : Api.IAccessTokenProvider
    {
        private string _accessToken = "not-a-valid-token";

        public int Refreshes { get; private set; }

        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_accessToken);

        public async ValueTask<string?> RefreshAsync(CancellationToken cancellationToken)
        {
            Refreshes++;
            var renewed = await anonymous.RefreshTokenAsync(new Api.RefreshSessionCommand { RefreshToken = refreshToken }, cancellationToken);
            _accessToken = renewed.AccessToken;
            return _accessToken;
        }
    }

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
