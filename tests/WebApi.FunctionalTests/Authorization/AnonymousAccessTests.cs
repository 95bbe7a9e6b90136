using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Authorization;

/// <summary>
/// Secure by default: without a valid bearer token every API operation answers 401 with problem details, whatever
/// the route; only sign-up, sign-in, health, readiness and the documentation are open.
/// </summary>
public sealed class AnonymousAccessTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string TaskPath = "/api/v1/tasks/{id}";

    private static readonly (string Method, string Path)[] Routes =
    [
        ("POST", "/api/v1/tasks"),
        ("GET", "/api/v1/tasks"),
        ("GET", TaskPath),
        ("PATCH", TaskPath),
        ("POST", TaskPath + "/publish"),
        ("POST", TaskPath + "/take"),
        ("POST", TaskPath + "/complete"),
        ("POST", TaskPath + "/fail"),
        ("POST", TaskPath + "/release"),
        ("POST", TaskPath + "/retry"),
        ("POST", TaskPath + "/cancel"),
        ("GET", "/api/v1/users/me"),
    ];

    /// <summary>How the caller fails to authenticate: no token, a token that is not a JWT, a token signed with another key.</summary>
    private static readonly string[] Credentials = ["none", "garbage", "another key"];

    private static readonly HashSet<string> OpenOperations = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/register",
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/refresh",
    };

    public static TheoryData<string, string, string> ProtectedRoutes
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (method, path) in Routes)
            {
                foreach (var credential in Credentials)
                {
                    data.Add(method, path, credential);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task ProtectedRoute_WithoutAValidToken_Answers401Problem_AndChangesNothing(string method, string path, string credential)
    {
        // A real task and a real user: were the token accepted, the request would reach them and succeed.
        var creator = await SignUpAsync();
        var task = await CreateTaskAsync(creator, draft: path.EndsWith("/publish", StringComparison.Ordinal));
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = credential switch
        {
            "none" => null,
            "garbage" => new AuthenticationHeaderValue("Bearer", Tokens.Garbage),
            _ => new AuthenticationHeaderValue("Bearer", Tokens.Forge(creator.Id, Tokens.SessionOf(creator), Tokens.AnotherKey())),
        };

        var response = await SendAsync(client, method, path.Replace("{id}", task.Id.ToString(), StringComparison.Ordinal));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        var after = await GetTaskAsync(creator, task.Id);
        Assert.Equal((task.Status, task.Version, task.Title), (after.Status, after.Version, after.Title));
        Assert.Equal(1, await CountTasksAsync(creator));
    }

    [Fact]
    public async Task EveryDocumentedOperation_ButSignUpAndSignIn_Answers401ProblemToAnonymousCallers()
    {
        using var client = Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Method: operation.Name.ToUpperInvariant(), Path: path.Name)))
            .Where(operation => !OpenOperations.Contains($"{operation.Method} {operation.Path}"))
            .ToList();

        Assert.NotEmpty(operations);
        foreach (var (method, path) in operations)
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());
            var response = await SendAsync(client, method, concrete);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/docs/index.html")]
    public async Task PublicEndpoints_AnswerWithoutAToken(string path)
    {
        using var client = Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SignUpAndSignIn_AnswerWithoutAToken()
    {
        using var client = Anonymous();

        var registered = await client.PostAsync("/api/v1/auth/register", Json.Body(new { email = "open@example.com", password = Password, displayName = "Open" }));
        var signedIn = await client.PostAsync("/api/v1/auth/token", Json.Body(new { email = "open@example.com", password = Password }));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        // The body each operation would accept, so only the credentials can explain a refusal.
        object? body = (method, path[(path.LastIndexOf('/') + 1)..]) switch
        {
            ("GET" or "DELETE", _) => null,
            (_, "fail" or "cancel") => new { reason = "Anonymous" },
            (_, "complete") => new { result = "Anonymous" },
            (_, "publish" or "take" or "release" or "retry") => null,
            _ => new { title = "Anonymous" },
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Json.Body(body) };
        return client.SendAsync(request);
    }

    private static async Task<int?> CountTasksAsync(TestUser user) =>
        (await (await user.Client.GetAsync("/api/v1/tasks?includeTotal=true")).ReadAsync<Application.Common.Models.PagedList<Application.Tasks.TaskDto>>()).TotalCount;
}
