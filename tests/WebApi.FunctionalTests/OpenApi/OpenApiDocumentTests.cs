using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.OpenApi;

public sealed class OpenApiDocumentTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "patch", "delete"];

    [Fact]
    public async Task Document_IsOpenApi30_WithAnOperationIdOnEveryOperation()
    {
        var document = await GetDocumentAsync();

        Assert.StartsWith("3.0", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var operations = Operations(document).ToList();
        foreach (var (path, operation) in operations)
        {
            Assert.True(
                operation.TryGetProperty("operationId", out var id) && !string.IsNullOrWhiteSpace(id.GetString()),
                $"{path} has an operation without an operationId");
        }

        var operationIds = operations.Select(operation => operation.Value.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        Assert.Contains("TakeTask", operationIds);
        Assert.Contains("CreateTask", operationIds);
    }

    [Fact]
    public async Task EveryOperationButSignIn_RequiresTheBearerScheme()
    {
        var document = await GetDocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        foreach (var (path, operation) in Operations(document))
        {
            var secured = operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _));
            var anonymous = path is "/api/v1/auth/register" or "/api/v1/auth/token" or "/api/v1/auth/refresh";
            Assert.True(secured == !anonymous, $"{path}: secured={secured}");
            // An anonymous operation says so with an empty requirement (linters reject an undeclared one).
            Assert.True(anonymous == (security.ValueKind == JsonValueKind.Array && security.EnumerateArray().Any(requirement => !requirement.EnumerateObject().Any())), $"{path}: anonymous={anonymous}");
        }
    }

    [Theory]
    [InlineData("TaskItemStatus", new[] { "draft", "pending", "running", "done", "failed", "cancelled" })]
    [InlineData("TaskPriority", new[] { "low", "normal", "high", "critical" })]
    [InlineData("TaskTrigger", new[] { "publish", "take", "complete", "fail", "release", "retry", "requeue", "cancel" })]
    [InlineData("UserRole", new[] { "member", "manager", "admin" })]
    [InlineData("WebhookDeliveryStatus", new[] { "pending", "succeeded", "failed" })]
    public async Task Enums_AreCamelCaseStrings(string schema, string[] values)
    {
        var enumSchema = (await GetDocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema);

        Assert.Equal("string", enumSchema.GetProperty("type").GetString());
        Assert.Equal(values, enumSchema.GetProperty("enum").EnumerateArray().Select(value => value.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/tasks/{id}/publish", "post")]
    [InlineData("/api/v1/tasks/{id}/take", "post")]
    [InlineData("/api/v1/tasks/{id}/complete", "post")]
    [InlineData("/api/v1/tasks/{id}/fail", "post")]
    [InlineData("/api/v1/tasks/{id}/release", "post")]
    [InlineData("/api/v1/tasks/{id}/retry", "post")]
    [InlineData("/api/v1/tasks/{id}/cancel", "post")]
    [InlineData("/api/v1/tasks/{id}", "patch")]
    [InlineData("/api/v1/webhooks/{id}", "patch")]
    [InlineData("/api/v1/webhooks/{id}/rotate-secret", "post")]
    public async Task Transitions_DeclareEveryProblemTheyCanAnswer(string path, string method)
    {
        var responses = (await GetDocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.True(responses.TryGetProperty("200", out _), $"{method} {path} does not declare 200");
        foreach (var status in new[] { "400", "401", "403", "404", "409", "412" })
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not declare {status}");
            var schema = response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
            Assert.True(
                schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails",
                $"{method} {path} {status} is described by {schema}");
        }
    }

    [Fact]
    public async Task EverySecuredOperation_Declares401_AndEveryRoleRestrictedOne403()
    {
        string[] roleRestricted =
        [
            "ListUsers", "ChangeUserRole", "DeactivateUser", "ReactivateUser", "CreateTeam", "AddTeamMember", "RemoveTeamMember",
            "CreateWebhook", "ListWebhooks", "GetWebhook", "UpdateWebhook", "DeleteWebhook", "RotateWebhookSecret", "ListWebhookDeliveries",
        ];

        foreach (var (path, operation) in Operations(await GetDocumentAsync()))
        {
            var responses = operation.GetProperty("responses");
            if (operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _)))
            {
                Assert.True(responses.TryGetProperty("401", out _), $"{path} does not declare 401");
            }

            if (roleRestricted.Contains(operation.GetProperty("operationId").GetString()))
            {
                Assert.True(responses.TryGetProperty("403", out _), $"{path} does not declare 403");
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/auth/token")]
    [InlineData("/api/v1/auth/refresh")]
    [InlineData("/api/v1/auth/register")]
    public async Task AuthEndpoints_DeclareTheRateLimit(string path)
    {
        var responses = (await GetDocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses");

        Assert.True(responses.TryGetProperty("429", out _), $"{path} does not declare 429");
    }

    [Fact]
    public async Task ProblemDetails_DeclareCodeAndTraceId()
    {
        var schemas = (await GetDocumentAsync()).GetProperty("components").GetProperty("schemas");

        var properties = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(properties.TryGetProperty("code", out _), "ProblemDetails.code");
        Assert.True(properties.TryGetProperty("traceId", out _), "ProblemDetails.traceId");
        // A validation problem is a problem with field errors: it extends ProblemDetails, so it carries both too.
        var validation = schemas.GetProperty("HttpValidationProblemDetails").GetProperty("allOf");
        Assert.Contains(validation.EnumerateArray(), part => part.TryGetProperty("$ref", out var reference) && reference.GetString() == "#/components/schemas/ProblemDetails");
    }

    [Fact]
    public async Task TheSwaggerUiPage_NamesTheDocument_EvenWithoutTheRedirectsQuery()
    {
        using var anonymous = Anonymous();

        // /api/docs redirects to index.html?url=...; a bookmarked index.html without it must still find the document.
        var page = await anonymous.GetStringAsync("/api/docs/index.html");

        Assert.Contains("\"url\":\"/openapi/v1.json\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integers_AreIntegersOnly()
    {
        var page = (await GetDocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("PagedListOfTaskDto").GetProperty("properties").GetProperty("totalCount");

        Assert.Equal("integer", page.GetProperty("type").GetString());
    }

    [Fact]
    public async Task EveryParameter_IsDescribed()
    {
        var undescribed =
            from operation in Operations(await GetDocumentAsync())
            where operation.Value.TryGetProperty("parameters", out _)
            from parameter in operation.Value.GetProperty("parameters").EnumerateArray()
            where !parameter.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString())
            select $"{operation.Path} {parameter.GetProperty("in").GetString()} {parameter.GetProperty("name").GetString()}";

        Assert.Empty(undescribed);
    }

    [Theory]
    [InlineData("/api/v1/tasks/{id}", "id", "The task's id.")]
    [InlineData("/api/v1/teams/{id}/members/{userId}", "userId", "The user's id.")]
    [InlineData("/api/v1/tasks/{id}/comments/{commentId}", "commentId", "The comment's id.")]
    public async Task PathIds_NameTheirResource(string path, string name, string expected)
    {
        var descriptions =
            from operation in Operations(await GetDocumentAsync())
            where operation.Path == path
            from parameter in operation.Value.GetProperty("parameters").EnumerateArray()
            where parameter.GetProperty("name").GetString() == name
            select parameter.GetProperty("description").GetString();

        Assert.All(descriptions, description => Assert.Equal(expected, description));
        Assert.NotEmpty(descriptions);
    }

    [Fact]
    public async Task PagedLists_SayTheTotalMayBeUnknown_AndWhetherMoreFollow()
    {
        var page = (await GetDocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("PagedListOfTaskDto");
        var properties = page.GetProperty("properties");

        Assert.True(properties.GetProperty("totalCount").GetProperty("nullable").GetBoolean());
        Assert.Equal("boolean", properties.GetProperty("hasMore").GetProperty("type").GetString());
        Assert.Contains("hasMore", page.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
    }

    [Fact]
    public async Task EveryOperation_DeclaresTheDatabaseUnavailableProblem_ItCanAnswerWhileTheDatabaseIsAway()
    {
        foreach (var (path, operation) in Operations(await GetDocumentAsync()))
        {
            Assert.True(
                operation.GetProperty("responses").TryGetProperty("503", out var unavailable)
                && unavailable.GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{path} does not declare its 503 problem.");
        }
    }

    [Fact]
    public async Task Tags_AreListedInTheOrderANewcomerWalks_EachWithADescription()
    {
        var tags = (await GetDocumentAsync()).GetProperty("tags").EnumerateArray().ToList();

        Assert.Equal(["Auth", "Tasks", "Comments"], tags.Take(3).Select(tag => tag.GetProperty("name").GetString()));
        Assert.Equal("Events", tags[^1].GetProperty("name").GetString());
        Assert.All(tags, tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString())));
    }

    [Theory]
    [InlineData("/api/v1/tasks", "status", "TaskItemStatus")]
    [InlineData("/api/v1/tasks", "sortBy", "TaskSortField")]
    [InlineData("/api/v1/users", "role", "UserRole")]
    [InlineData("/api/v1/webhooks/{id}/deliveries", "status", "WebhookDeliveryStatus")]
    public async Task EnumQueryParameters_ReferTheEnumsNamedSchema_SoClientsGiveThemItsName(string path, string parameter, string schemaName)
    {
        var schema = (await GetDocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(candidate => candidate.GetProperty("name").GetString() == parameter).GetProperty("schema");

        var referenced = schema.TryGetProperty("items", out var items) ? items : schema;
        Assert.Equal($"#/components/schemas/{schemaName}", referenced.GetProperty("$ref").GetString());
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        using var client = Anonymous();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    private static IEnumerable<(string Path, JsonElement Value)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where HttpMethods.Contains(operation.Name)
        select (path.Name, operation.Value);
}
