using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using TaskOrchestration.Application.Common.Validation;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>
/// The JSON values a task keeps in jsonb (metadata, input): what PostgreSQL would refuse is a 400 naming the path
/// inside the value, and changes nothing; a property given twice is a 400 at any depth.
/// </summary>
public sealed class StoredJsonTests(ApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>
    /// A JSON object jsonb refuses, and the path below the field that names what it refuses. Half a surrogate pair in
    /// a property name is refused by the framework, which decodes names to find repeats: it names the field only.
    /// </summary>
    public static TheoryData<string, string> Unstorable => new()
    {
        { """{"customer":{"name":"\ud800"}}""", ".customer.name" },
        { """{"items":[1,"x\udc00"]}""", ".items[1]" },
        { """{"\ud800":1}""", "" },
        { """{"a":{"\udc00x":1}}""", "" },
        { """{"note":"\u0000"}""", ".note" },
        { """{"a":{"\u0000":1}}""", """.a['\u0000']""" },
        { """{"amount":1e999999}""", ".amount" },
        { """{"ratio":[0,1.5e-16383]}""", ".ratio[1]" },
    };

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task CreatingATask_WithMetadataJsonbRefuses_Is400NamingThePath_AndCreatesNothing(string metadata, string path)
    {
        var user = await SignUpAsync();

        var response = await SendAsync(user, HttpMethod.Post, "/api/v1/tasks", $$"""{"title":"A task","metadata":{{metadata}}}""");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["metadata" + path], problem.Errors.Keys);
        Assert.Equal(0, await CountTasksAsync());
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task CreatingAnAutomatedTask_WithInputJsonbRefuses_Is400NamingThePath_AndCreatesNothing(string input, string path)
    {
        var user = await SignUpAsync();

        var response = await SendAsync(user, HttpMethod.Post, "/api/v1/tasks", $$"""{"title":"A task","kind":"system.noop","input":{{input}}}""");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["input" + path], problem.Errors.Keys);
        Assert.Equal(0, await CountTasksAsync());
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task EditingATask_WithMetadataJsonbRefuses_Is400NamingThePath_AndChangesNothing(string metadata, string path)
    {
        var user = await SignUpAsync();
        var created = await SendAsync(user, HttpMethod.Post, "/api/v1/tasks", """{"title":"A task","metadata":{"keep":[1,"one"]}}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = await created.ReadAsync<Application.Tasks.TaskDto>();

        var response = await SendAsync(user, HttpMethod.Patch, $"/api/v1/tasks/{before.Id}", $$"""{"title":"Changed","metadata":{{metadata}}}""");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["metadata" + path], problem.Errors.Keys);
        var after = await GetTaskAsync(user, before.Id);
        Assert.Equal((before.Version, "A task", """{"keep":[1,"one"]}"""), (after.Version, after.Title, after.Metadata?.GetRawText()));
    }

    [Theory]
    [InlineData("POST", "/api/v1/tasks", """{"title":"a","title":"b"}""", "title", "title")]
    [InlineData("POST", "/api/v1/tasks", """{"title":"a","metadata":{"y":{"x":1,"x":2}}}""", "metadata", "x")]
    [InlineData("POST", "/api/v1/tasks", """{"title":"a","metadata":{"x":1,"\u0078":2}}""", "metadata", "x")]
    [InlineData("POST", "/api/v1/tasks", """{"title":"a","kind":"system.noop","input":[{"k":1,"k":2}]}""", "input", "k")]
    [InlineData("PATCH", "/api/v1/tasks/{id}", """{"description":"a","description":"b"}""", "description", "description")]
    [InlineData("PATCH", "/api/v1/tasks/{id}", """{"metadata":{"a":{"b":[{"c":1,"c":1}]}}}""", "metadata", "c")]
    [InlineData("POST", "/api/v1/tasks/{id}/comments", """{"body":"a","body":"b"}""", "body", "body")]
    [InlineData("POST", "/api/v1/auth/token", """{"email":"a@example.com","email":"b@example.com","password":"x"}""", "email", "email")]
    public async Task APropertyGivenTwice_AtAnyDepth_Is400NamingIt_AndChangesNothing(string method, string path, string body, string field, string property)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var response = await SendAsync(user, new HttpMethod(method), path.Replace("{id}", task.Id.ToString(), StringComparison.Ordinal), body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal($"The property '{property}' appears more than once in one object.", Assert.Single(problem.Errors[field]));
        Assert.Equal(1, await CountTasksAsync());
        Assert.Equal(task.Version, (await GetTaskAsync(user, task.Id)).Version);
    }

    /// <summary>The validator's edges, each put to the real PostgreSQL: it refuses exactly what jsonb refuses.</summary>
    [Theory]
    [InlineData("1e131071")]
    [InlineData("1e131072")]
    [InlineData("-9.99e131071")]
    [InlineData("123456789e131064")]
    [InlineData("1e-16383")]
    [InlineData("1e-16384")]
    [InlineData("0.1e-16382")]
    [InlineData("0.1e-16383")]
    [InlineData("0.0e-16383")]
    [InlineData("0e999999")]
    [InlineData("0e1073741822")]
    [InlineData("0e1073741823")]
    [InlineData("1e-1073741823")]
    [InlineData("1e99999999999999999999")]
    [InlineData("-1e-999999")]
    [InlineData("""["\ud800\udc00","\uDBFF\uDFFF"]""")]
    [InlineData("""["\ud800"]""")]
    [InlineData("""["\udc00\ud800"]""")]
    [InlineData("""["\ud800\ud800\udc00"]""")]
    [InlineData("""["\ud800\ud800"]""")]
    [InlineData("""["\udbff\u0041"]""")]
    [InlineData("""["\ud800\n"]""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""["\u0000"]""")]
    [InlineData("""{"\u0000":1}""")]
    [InlineData("""["\\u0000 \\ud800 \u0001"]""")]
    public async Task TheValidator_RefusesExactlyWhatJsonbRefuses(string json) =>
        Assert.Equal(await JsonbStoresAsync(json), StorableJson.FindProblems(Parse(json)).Count == 0);

    [Fact]
    public async Task TheValidator_CountsLongRunsOfDigits_AsJsonbDoes()
    {
        foreach (var number in new[] { new string('9', 131_072), new string('9', 131_073), "0." + new string('0', 16_382) + "1", "0." + new string('0', 16_383) + "1", "1." + new string('0', 16_384) })
        {
            Assert.Equal(await JsonbStoresAsync(number), StorableJson.FindProblems(Parse(number)).Count == 0);
        }
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private async Task<bool> JsonbStoresAsync(string json)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT @json::jsonb", connection);
        command.Parameters.AddWithValue("json", json);
        try
        {
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.NumericValueOutOfRange or PostgresErrorCodes.UntranslatableCharacter)
        {
            return false;
        }
    }

    private async Task<long> CountTasksAsync()
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tasks", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<HttpResponseMessage> SendAsync(TestUser user, HttpMethod method, string path, string json) =>
        user.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
