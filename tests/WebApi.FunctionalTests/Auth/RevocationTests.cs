using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

/// <summary>
/// A valid signature is not enough: what a token may do is decided by the user's role, active state and session as
/// they are now, on the next request and on every instance, never by the claims written into the token.
/// </summary>
public sealed class RevocationTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task ADemotedAdmin_CannotActAsAdmin_WithATokenIssuedBeforeTheDemotion()
    {
        var admin = await SignUpAsync("admin");
        var other = await SignUpAsync();
        var demoted = await SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "admin")).StatusCode);
        var issuedAsAdmin = WithToken((await SignInForTokensAsync(demoted.Email)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await issuedAsAdmin.GetAsync("/api/v1/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "member")).StatusCode);

        await Problem.AssertAsync(await SetRoleAsync(issuedAsAdmin, demoted.Id, "admin"), HttpStatusCode.Forbidden, "role_required");
        await Problem.AssertAsync(await SetRoleAsync(issuedAsAdmin, other.Id, "admin"), HttpStatusCode.Forbidden, "role_required");
        await Problem.AssertAsync(await issuedAsAdmin.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "role_required");
        Assert.Equal(UserRole.Member, (await (await issuedAsAdmin.GetAsync("/api/v1/users/me")).ReadAsync<UserDto>()).Role);
        Assert.Equal(0L, await Factory.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'admin' AND id <> @admin", ("admin", admin.Id)));
    }

    [Fact]
    public async Task ADemotedManager_CannotCreateTeams_WithATokenIssuedBeforeTheDemotion()
    {
        var admin = await SignUpAsync("admin");
        var demoted = await SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "manager")).StatusCode);
        var issuedAsManager = WithToken((await SignInForTokensAsync(demoted.Email)).AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "member")).StatusCode);

        await Problem.AssertAsync(await CreateTeamAsync(issuedAsManager), HttpStatusCode.Forbidden, "role_required");
        Assert.Equal(0L, await Factory.Database.ScalarAsync<long>("SELECT count(*) FROM teams"));
    }

    [Fact]
    public async Task APromotion_AppliesToATokenIssuedBeforeIt()
    {
        var admin = await SignUpAsync("admin");
        var promoted = await SignUpAsync();

        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, promoted.Id, "manager")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await CreateTeamAsync(promoted.Client)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(SessionEndings.All), MemberType = typeof(SessionEndings))]
    public async Task AnAccessTokenOfAnEndedSession_IsRefusedOnTheNextRequest(SessionEnding how)
    {
        var user = await SignUpAsync();
        var session = await SignInForTokensAsync(user.Email);
        using var client = WithToken(session.AccessToken);
        // Read once first, so that an instance that remembers what it read must forget it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);

        await EndSessionAsync(how, user, session);

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(await client.PostAsync("/api/v1/tasks", Json.Body(new { title = "After the end" })), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0L, await Factory.Database.ScalarAsync<long>("SELECT count(*) FROM tasks"));
    }

    [Theory]
    [InlineData(SessionEnding.Logout)]
    [InlineData(SessionEnding.PasswordChangedElsewhere)]
    [InlineData(SessionEnding.RefreshTokenReused)]
    public async Task EndingOneSession_LeavesTheUsersOtherSessionsWorking(SessionEnding how)
    {
        var user = await SignUpAsync();
        var session = await SignInForTokensAsync(user.Email);

        await EndSessionAsync(how, user, session);

        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task ADemotionThroughOneInstance_ReachesAnotherInstance_ThatHadReadTheOldRole()
    {
        var admin = await SignUpAsync("admin");
        var demoted = await SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "admin")).StatusCode);
        var token = (await SignInForTokensAsync(demoted.Email)).AccessToken;
        // A second API instance on the same database, which keeps what it read for 30 s (the default): only the
        // announcement through PostgreSQL can make it forget sooner.
        using var secondInstance = Factory.WithWebHostBuilder(builder => builder.UseSetting("Sessions:AccessStateCacheSeconds", "30"));
        using var onSecond = secondInstance.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var secondCache = secondInstance.Services.GetRequiredService<AccessStateCache>();
        await WaitUntilAsync(() => secondCache.IsTrusted, "The second instance never started listening for access changes.");
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/users")).StatusCode);
        Assert.True(secondCache.TryGet(demoted.Id, Tokens.SessionOf(token), out var remembered) && remembered.Role == UserRole.Admin, "The second instance did not remember the admin role it read.");

        Assert.Equal(HttpStatusCode.OK, (await SetRoleAsync(admin, demoted.Id, "member")).StatusCode);

        // The announcement travels asynchronously (a NOTIFY on commit): a few seconds at most, far below the 30 s.
        await WaitUntilAsync(() => !secondCache.TryGet(demoted.Id, Tokens.SessionOf(token), out _), "The second instance did not forget the old role within 5 s.");
        await Problem.AssertAsync(await onSecond.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "role_required");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string otherwise)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, otherwise);
            await Task.Delay(20);
        }
    }

    private static Task<HttpResponseMessage> SetRoleAsync(TestUser admin, Guid userId, string role) => SetRoleAsync(admin.Client, userId, role);

    private static Task<HttpResponseMessage> SetRoleAsync(HttpClient client, Guid userId, string role) =>
        client.PutAsync($"/api/v1/users/{userId}/role", Json.Body(new { role }));

    private static Task<HttpResponseMessage> CreateTeamAsync(HttpClient client) =>
        client.PostAsync("/api/v1/teams", Json.Body(new { name = $"Ops {Guid.NewGuid():N}" }));
}
