using TaskOrchestration.Client;

namespace TaskOrchestration.Clients.LiveTests.Scenarios;

/// <summary>Accounts and sessions: registering, tokens, the caller's own profile, and the admins' user management.</summary>
internal static class AccountScenarios
{
    public static readonly IReadOnlyDictionary<string, Func<World, Task>> All = new Dictionary<string, Func<World, Task>>(StringComparer.Ordinal)
    {
        ["RegisterUser"] = async world =>
        {
            var email = $"ada-{Guid.NewGuid():N}@live.example.com";
            var user = await world.Anonymous().RegisterUserAsync(new RegisterUserCommand { Email = email, Password = "correct-horse-battery", DisplayName = "Ada" });
            Assert.Equal((email, "Ada", UserRole.Member, true), (user.Email, user.DisplayName, user.Role, user.IsActive));
            // An address already registered gets the same answer (no one learns who has an account): a short password does not.
            await Expect.ProblemAsync(400, "validation_failed", () => world.Anonymous().RegisterUserAsync(new RegisterUserCommand { Email = $"short-{email}", Password = "short", DisplayName = "Ada" }));
        },
        ["IssueToken"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var issued = await world.Anonymous().IssueTokenAsync(new IssueTokenCommand { Email = ada.Email, Password = ada.Password });
            Assert.Equal("Bearer", issued.TokenType);
            Assert.True(issued.ExpiresIn > 0);
            await Expect.ProblemAsync(401, "invalid_credentials", () => world.Anonymous().IssueTokenAsync(new IssueTokenCommand { Email = ada.Email, Password = "wrong-password" }));
        },
        ["RefreshToken"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var first = await world.Anonymous().IssueTokenAsync(new IssueTokenCommand { Email = ada.Email, Password = ada.Password });
            var next = await world.Anonymous().RefreshTokenAsync(new RefreshSessionCommand { RefreshToken = first.RefreshToken });
            Assert.NotEqual(first.RefreshToken, next.RefreshToken);
            await Expect.ProblemAsync(401, "refresh_token_reused", () => world.Anonymous().RefreshTokenAsync(new RefreshSessionCommand { RefreshToken = first.RefreshToken }));
        },
        ["Logout"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            await ada.Api.LogoutAsync();
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().LogoutAsync());
        },
        ["LogoutAll"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            var other = await world.Anonymous().IssueTokenAsync(new IssueTokenCommand { Email = ada.Email, Password = ada.Password });
            await ada.Api.LogoutAllAsync();
            await Expect.ProblemAsync(401, "invalid_refresh_token", () => world.Anonymous().RefreshTokenAsync(new RefreshSessionCommand { RefreshToken = other.RefreshToken }));
        },
        ["GetCurrentUser"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            Assert.Equal((ada.User.Id, ada.Email), ((await ada.Api.GetCurrentUserAsync()).Id, ada.User.Email));
            await Expect.ProblemAsync(401, "unauthorized", () => world.Anonymous().GetCurrentUserAsync());
        },
        ["UpdateProfile"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            Assert.Equal("Ada Lovelace", (await ada.Api.UpdateProfileAsync(new UpdateProfileCommand { DisplayName = "Ada Lovelace" })).DisplayName);
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.UpdateProfileAsync(new UpdateProfileCommand { DisplayName = string.Empty }));
        },
        ["ChangePassword"] = async world =>
        {
            var ada = await world.NewPersonAsync();
            await ada.Api.ChangePasswordAsync(new ChangePasswordCommand { CurrentPassword = ada.Password, NewPassword = "a-new-long-password" });
            Assert.Equal(ada.User.Id, (await world.SignInAsync(ada.Email, "a-new-long-password")).User.Id);
            await Expect.ProblemAsync(400, "validation_failed", () => ada.Api.ChangePasswordAsync(new ChangePasswordCommand { CurrentPassword = "not-the-password", NewPassword = "another-long-password" }));
        },
        ["ListUsers"] = async world =>
        {
            var admin = await world.AdminAsync();
            var team = await admin.Api.CreateTeamAsync(new CreateTeamCommand { Name = $"Users {Guid.NewGuid():N}" });
            var manager = await world.NewPersonAsync(UserRole.Manager);
            await admin.Api.AddTeamMemberAsync(team.Id, manager.User.Id);

            var everyone = await admin.Api.ListUsersAsync();
            Assert.NotEmpty(everyone.Items);
            Assert.Null(everyone.TotalCount);
            var filtered = await admin.Api.ListUsersAsync(UserRole.Manager, manager.Email, team.Id, page: 1, pageSize: 5, includeTotal: true);
            Assert.Equal([manager.User.Id], filtered.Items.Select(user => user.Id));
            Assert.Equal(1, filtered.TotalCount);
            await Expect.ProblemAsync(403, "role_required", () => manager.Api.ListUsersAsync());
        },
        ["ChangeUserRole"] = async world =>
        {
            var admin = await world.AdminAsync();
            var ada = await world.NewPersonAsync();
            Assert.Equal(UserRole.Manager, (await admin.Api.ChangeUserRoleAsync(ada.User.Id, new ChangeUserRoleRequest { Role = UserRole.Manager })).Role);
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.ChangeUserRoleAsync(Guid.NewGuid(), new ChangeUserRoleRequest { Role = UserRole.Manager }));
        },
        ["DeactivateUser"] = async world =>
        {
            var admin = await world.AdminAsync();
            var ada = await world.NewPersonAsync();
            Assert.False((await admin.Api.DeactivateUserAsync(ada.User.Id)).IsActive);
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.DeactivateUserAsync(Guid.NewGuid()));
        },
        ["ReactivateUser"] = async world =>
        {
            var admin = await world.AdminAsync();
            var ada = await world.NewPersonAsync();
            await admin.Api.DeactivateUserAsync(ada.User.Id);
            Assert.True((await admin.Api.ReactivateUserAsync(ada.User.Id)).IsActive);
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.ReactivateUserAsync(Guid.NewGuid()));
        },
    };
}
