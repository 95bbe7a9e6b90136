using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>What a request starts from: ids of things that exist, valid values the schema cannot give, the caller's token.</summary>
internal sealed record RequestSetup(
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyDictionary<string, string> Alternatives,
    IReadOnlyDictionary<string, string> IdsOfAnotherKind,
    ValueHints Hints,
    string? CallerToken);

/// <summary>
/// Everything the fuzzing works with: the callers, the targets of each operation, and the valid values of each
/// request. It keeps them usable whatever the fuzzing does to them: a caller that is spent or refused is replaced
/// by a new user of its role, and a target a change succeeded on is replaced by a new one.
/// </summary>
internal sealed class FuzzWorld : IDisposable
{
    private readonly FixtureClient _fixtures;
    private readonly Random _random;
    private readonly FuzzTargets _targets;
    private TestUser? _signInTarget;
    private TestUser? _sessionTarget;
    private int _unique;

    private FuzzWorld(FixtureClient fixtures, Random random)
    {
        _fixtures = fixtures;
        _random = random;
        _targets = new FuzzTargets(fixtures, Admin, Member);
    }

    public FuzzCaller Admin { get; } = new("admin", "admin");

    public FuzzCaller Member { get; } = new("member", "member");

    public FuzzCaller Anonymous { get; } = new("anonymous", null);

    public IReadOnlyList<FuzzCaller> Callers => [Admin, Member, Anonymous];

    public BadTokens BadTokens { get; private set; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Requests sent to build and rebuild fixtures (not counted as fuzzing).</summary>
    public int FixtureRequests => _fixtures.Requests;

    /// <summary>
    /// Operations after whose success the caller is replaced: a new password changes what it signs in with, and
    /// logging out (here or everywhere) ends the session whose access token it sends (ADR 0024). Replaced at once,
    /// since its token also makes the fixtures of the other callers.
    /// </summary>
    private static readonly HashSet<string> SpendTheCaller = new(StringComparer.Ordinal)
    {
        "POST /api/v1/users/me/password",
        "POST /api/v1/auth/logout",
        "POST /api/v1/auth/logout-all",
    };

    public static async Task<FuzzWorld> CreateAsync(ApiFactory factory, Func<string, Task<TestUser>> signUp, Random random)
    {
        var world = new FuzzWorld(new FixtureClient(factory, signUp), random);
        var admin = await world._fixtures.SignUpAsync("admin");
        world.Admin.SignedInAs(admin, renewal: false);
        world.Member.SignedInAs(await world._fixtures.SignUpAsync("member"), renewal: false);
        await world._targets.CreateSharedAsync();
        // Sign-in is fuzzed with wrong passwords, which lock the account, and refresh tokens are spent: both get accounts of their own.
        world._signInTarget = await world._fixtures.SignUpAsync("member");
        world._sessionTarget = await world._fixtures.SignUpAsync("member");
        world.BadTokens = new BadTokens(
            Tokens.Forge(world.Admin.Id, Tokens.SessionOf(admin), Tokens.TheApisKey(factory), expires: DateTime.UtcNow.AddMinutes(-5), role: "admin"),
            Tokens.Forge(world.Admin.Id, Tokens.SessionOf(admin), Tokens.AnotherKey(), role: "admin"),
            UnsignedToken(world.Admin.Id));
        return world;
    }

    /// <summary>Why <paramref name="operation"/> cannot be fuzzed, or null when it can.</summary>
    public static string? WhyNotFuzzable(ApiOperation operation) => FuzzTargets.WhyNone(operation);

    public async Task<RequestSetup> SetupAsync(ApiOperation operation, FuzzCaller caller)
    {
        // The anonymous caller asks for the admin's things: the answer is a 401 either way, about things that exist.
        var owner = caller.User is null ? Admin : caller;
        return new RequestSetup(
            await _targets.ExistingAsync(operation, caller, owner),
            _targets.Alternatives(operation),
            _targets.OfAnotherKind(operation),
            await HintsAsync(operation, owner),
            caller.Token);
    }

    /// <summary>Keeps the world usable after an answer: new targets after a change, a new caller when this one is spent or refused.</summary>
    public async Task AfterAnswerAsync(ApiOperation operation, FuzzCaller caller, FuzzRequest request, HttpStatusCode status)
    {
        var succeeded = (int)status is >= 200 and < 300;
        if (succeeded)
        {
            _targets.Succeeded(operation, caller);
        }

        var spent = succeeded && SpendTheCaller.Contains(operation.Key);
        var sentItsOwnToken = caller.User is not null && request.SendsCallerToken && !request.Headers.Any(header => header.Key == "Authorization");
        if (spent || (status == HttpStatusCode.Unauthorized && sentItsOwnToken && !await _fixtures.AcceptsAsync(caller.Token)))
        {
            caller.SignedInAs(await _fixtures.SignUpAsync(caller.Role!), renewal: true);
            await _targets.JoinTeamAsync(caller);
            _targets.Forget(caller);
        }
    }

    public void Dispose()
    {
        foreach (var caller in Callers)
        {
            caller.User?.Client.Dispose();
        }

        _signInTarget?.Client.Dispose();
        _sessionTarget?.Client.Dispose();
        _fixtures.Dispose();
    }

    /// <summary>The values a valid request needs that its schema cannot give, by property or parameter name.</summary>
    private async Task<ValueHints> HintsAsync(ApiOperation operation, FuzzCaller caller)
    {
        var hints = new ValueHints(NewUnknownId())
            .Set("teamId", _targets.TeamId.ToString()).Set("ids", caller.Id.ToString()).Set("ownerId", caller.Id.ToString()).Set("createdBy", caller.Id.ToString()).Set("assigneeId", caller.Id.ToString())
            .Set("userIds", new JsonArray(Member.Id.ToString())).Set("tags", new JsonArray("fuzz")).Set("tag", "fuzz").Set("search", "fuzz")
            .Set("title", "Fuzzed task").Set("description", "Made by the fuzz suite").Set("body", "A fuzzed comment").Set("result", "Fuzzed").Set("reason", "Fuzzed")
            .Set("displayName", "Fuzz User").Set("url", "https://203.0.113.10/hooks").Set("metadata", new JsonObject { ["source"] = "fuzz" }).Set("input", new JsonObject())
            .Set("maxAttempts", 3).Set("page", 1).Set("pageSize", 20).Omit("cursor")
            .Set("dueAfter", SchemaValues.FutureTime.AddYears(-1)).Set("dueBefore", SchemaValues.FutureTime);
        switch (operation.OperationId)
        {
            case "CreateTask":
                // An automated task takes every property (input, attempts, run-after): the baseline reaches them all.
                hints.Set("kind", "system.noop");
                break;
            case "ListTasks":
                hints.Set("kind", "manual");
                break;
            case "RegisterUser":
                hints.Set("email", $"fuzz-{++_unique}@example.com").Set("password", ApiTestBase.Password);
                break;
            case "IssueToken":
                hints.Set("email", _signInTarget!.Email).Set("password", ApiTestBase.Password);
                break;
            case "RefreshToken":
                var tokens = await _fixtures.SendOkAsync(null, HttpMethod.Post, "/api/v1/auth/token", new { email = _sessionTarget!.Email, password = ApiTestBase.Password });
                hints.Set("refreshToken", tokens.GetProperty("refreshToken").GetString());
                break;
            case "ChangePassword":
                hints.Set("currentPassword", ApiTestBase.Password).Set("newPassword", "another-long-password");
                break;
            case "CreateTeam":
                hints.Set("name", $"Fuzz team {++_unique}");
                break;
            case "ChangeUserRole":
                hints.Set("role", "manager");
                break;
            case "UpdateNotificationPreferences":
                // taskCreated, the first type, notifies nobody and so has no preference.
                hints.Set("type", "taskTaken");
                break;
            default:
                break;
        }

        return hints;
    }

    private Guid NewUnknownId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>A token with the API's claims and no signature at all (alg "none").</summary>
    private static string UnsignedToken(Guid userId)
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode($$"""{"sub":"{{userId}}","role":"admin","iss":"{{Tokens.Issuer}}","aud":"{{Tokens.Audience}}","exp":{{expires}}}""") + ".";
    }
}
