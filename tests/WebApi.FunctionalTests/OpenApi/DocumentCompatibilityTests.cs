using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// Clients of the document served before NSwag generated it (openapi.before-nswag.json, the last one
/// Microsoft.AspNetCore.OpenApi wrote) still find everything they used: each operation at its path under its
/// operationId, each parameter and response status, each schema by name with its properties, their types, formats,
/// enum values, nullability and required lists. Additions are free; every other difference is listed here and
/// justified in ADR 0028, and a new one fails until it is.
/// </summary>
public sealed class DocumentCompatibilityTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] JustifiedDifferences =
    [
        // Any JSON is the empty schema now, not a reference to an empty schema named after .NET's JsonElement.
        "schema JsonElement: removed",
        "schema EventEnvelope.data: ref:JsonElement -> any",
        "schema TaskDto.input: ref:JsonElement? -> any",
        "schema TaskDto.metadata: ref:JsonElement? -> any",
        "schema WebhookDeliveryDto.payload: ref:JsonElement -> any",
        // An optional body is left out, never sent as JSON null (the request body stays optional).
        "post /api/v1/tasks/{id}/cancel body: ref:CancelTaskRequest? -> ref:CancelTaskRequest",
        "post /api/v1/tasks/{id}/complete body: ref:CompleteTaskRequest? -> ref:CompleteTaskRequest",
        "post /api/v1/tasks/{id}/fail body: ref:FailTaskRequest? -> ref:FailTaskRequest",
        "post /api/v1/webhooks/{id}/rotate-secret body: ref:RotateWebhookSecretRequest? -> ref:RotateWebhookSecretRequest",
        // The mermaid diagram was always answered as text/plain; the document says so now.
        "get /api/v1/lifecycle 200: application/json=ref:LifecycleDto -> application/json=ref:LifecycleDto text/plain=string",
        // A problem may carry extension members besides code and traceId (RFC 9457 allows them; the API's are listed).
        "schema HttpValidationProblemDetails: no other members -> other members allowed",
        "schema ProblemDetails: no other members -> other members allowed",
    ];

    [Fact]
    public async Task EverythingTheDocumentBeforeNSwagDeclared_IsKept_ButTheJustifiedDifferences()
    {
        using var anonymous = Anonymous();
        using var served = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        using var before = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Path, "tests", "WebApi.FunctionalTests", "OpenApi", "openapi.before-nswag.json")));

        var differences = Differences(new Document(before.RootElement), new Document(served.RootElement));

        var unjustified = differences.Except(JustifiedDifferences, StringComparer.Ordinal).ToList();
        var gone = JustifiedDifferences.Except(differences, StringComparer.Ordinal).ToList();
        Assert.True(unjustified.Count == 0, "Differences from the document before NSwag that ADR 0028 does not justify:" + Environment.NewLine + string.Join(Environment.NewLine, unjustified));
        Assert.True(gone.Count == 0, "Justified differences that are no longer there (take them off the list and the ADR):" + Environment.NewLine + string.Join(Environment.NewLine, gone));
    }

    private static List<string> Differences(Document old, Document now)
    {
        var differences = new List<string>();
        foreach (var (key, operation) in old.Operations())
        {
            if (!now.Operations().TryGetValue(key, out var current))
            {
                differences.Add($"{key}: removed");
                continue;
            }

            Compare(differences, $"{key} operationId", Text(operation, "operationId"), Text(current, "operationId"));
            var parameters = Parameters(old, operation);
            var currentParameters = Parameters(now, current);
            foreach (var (name, shape) in parameters)
            {
                Compare(differences, $"{key} parameter {name}", shape, currentParameters.GetValueOrDefault(name, "removed"));
            }

            Compare(differences, $"{key} body", Body(old, operation), Body(now, current));
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var currentResponse = current.GetProperty("responses").TryGetProperty(response.Name, out var found) ? Response(now, found) : "removed";
                Compare(differences, $"{key} {response.Name}", Response(old, response.Value), currentResponse);
            }

            Compare(differences, $"{key} security", Security(operation), Security(current));
        }

        foreach (var (name, schema) in old.Schemas())
        {
            if (!now.Schemas().TryGetValue(name, out var current))
            {
                differences.Add($"schema {name}: removed");
                continue;
            }

            var (properties, required, additional) = old.Flattened(schema);
            var (currentProperties, currentRequired, currentAdditional) = now.Flattened(current);
            Compare(differences, $"schema {name}", Document.Shape(schema, topLevel: true), Document.Shape(current, topLevel: true));
            Compare(differences, $"schema {name}", additional ? "other members allowed" : "no other members", currentAdditional ? "other members allowed" : "no other members");
            Compare(differences, $"schema {name} required", string.Join(",", required.Order(StringComparer.Ordinal)), string.Join(",", currentRequired.Order(StringComparer.Ordinal)));
            foreach (var (property, shape) in properties)
            {
                Compare(differences, $"schema {name}.{property}", Document.Shape(shape), currentProperties.TryGetValue(property, out var currentShape) ? Document.Shape(currentShape) : "removed");
            }
        }

        return differences;
    }

    private static void Compare(List<string> differences, string what, string before, string now)
    {
        if (before != now)
        {
            differences.Add($"{what}: {before} -> {now}");
        }
    }

    private static Dictionary<string, string> Parameters(Document document, JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().ToDictionary(
                parameter => $"{Text(parameter, "in")}:{Text(parameter, "name")}",
                parameter => $"{(parameter.TryGetProperty("required", out var required) && required.GetBoolean() ? "required " : string.Empty)}{Document.Shape(parameter.GetProperty("schema"))}",
                StringComparer.Ordinal)
            : [];

    private static string Body(Document document, JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body)
            ? $"{(body.TryGetProperty("required", out var required) && required.GetBoolean() ? "required " : string.Empty)}{string.Join(" ", body.GetProperty("content").EnumerateObject().Select(media => $"{media.Name}={Document.Shape(media.Value.GetProperty("schema"))}"))}".Replace("application/json=", string.Empty, StringComparison.Ordinal)
            : "none";

    private static string Response(Document document, JsonElement response) =>
        response.TryGetProperty("content", out var content)
            ? string.Join(" ", content.EnumerateObject().Select(media => $"{media.Name}={Document.Shape(media.Value.GetProperty("schema"))}"))
            : "no content";

    /// <summary>The schemes an operation needs; "none" when it says none (an empty requirement) or nothing at all.</summary>
    private static string Security(JsonElement operation)
    {
        var schemes = operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name)).ToList()
            : [];
        return schemes.Count == 0 ? "none" : string.Join(",", schemes);
    }

    private static string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;

    /// <summary>One OpenAPI 3.0 document, read as a client generator reads it.</summary>
    private sealed class Document(JsonElement root)
    {
        private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

        public Dictionary<string, JsonElement> Operations() =>
            root.GetProperty("paths").EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject().Where(method => Methods.Contains(method.Name)).Select(method => (Key: $"{method.Name} {path.Name}", method.Value)))
                .ToDictionary(operation => operation.Key, operation => operation.Value, StringComparer.Ordinal);

        public Dictionary<string, JsonElement> Schemas() =>
            root.GetProperty("components").GetProperty("schemas").EnumerateObject().ToDictionary(schema => schema.Name, schema => schema.Value, StringComparer.Ordinal);

        /// <summary>Properties, required names and whether other members are allowed, through allOf (inheritance).</summary>
        public (Dictionary<string, JsonElement> Properties, HashSet<string> Required, bool AdditionalProperties) Flattened(JsonElement schema)
        {
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var required = new HashSet<string>(StringComparer.Ordinal);
            var additional = true;
            var parts = new Stack<JsonElement>([schema]);
            while (parts.TryPop(out var part))
            {
                if (part.TryGetProperty("$ref", out var reference))
                {
                    parts.Push(Schemas()[reference.GetString()!.Split('/')[^1]]);
                    continue;
                }

                foreach (var property in part.TryGetProperty("properties", out var declared) ? declared.EnumerateObject() : default)
                {
                    properties[property.Name] = property.Value;
                }

                foreach (var name in part.TryGetProperty("required", out var names) ? names.EnumerateArray() : default)
                {
                    required.Add(name.GetString()!);
                }

                additional &= !part.TryGetProperty("additionalProperties", out var allowed) || allowed.ValueKind != JsonValueKind.False;
                foreach (var inherited in part.TryGetProperty("allOf", out var allOf) ? allOf.EnumerateArray() : default)
                {
                    parts.Push(inherited);
                }
            }

            return (properties, required, additional);
        }

        /// <summary>
        /// The type a client generator makes of a schema: a reference by name (NSwag wraps one in oneOf to describe it),
        /// or type, format, items and enum values, and whether null is allowed. At the top level of a named object
        /// schema, its properties are compared one by one instead.
        /// </summary>
        public static string Shape(JsonElement schema, bool topLevel = false)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                return $"ref:{reference.GetString()!.Split('/')[^1]}";
            }

            var nullable = schema.TryGetProperty("nullable", out var isNullable) && isNullable.GetBoolean() ? "?" : string.Empty;
            if (schema.TryGetProperty("oneOf", out var oneOf))
            {
                // Null or one schema is written two ways (a null enum beside it, or nullable on the oneOf): the same to a client.
                var choices = oneOf.EnumerateArray().ToList();
                if (choices.Count == 2 && choices.Count(IsNull) == 1)
                {
                    return Shape(choices.Single(choice => !IsNull(choice))) + "?";
                }

                return choices.Count == 1 ? Shape(choices[0]) + nullable : $"oneOf({string.Join("|", choices.Select(choice => Shape(choice)))}){nullable}";
            }

            if (topLevel && schema.TryGetProperty("properties", out _) || topLevel && schema.TryGetProperty("allOf", out _))
            {
                return "object";
            }

            var type = schema.TryGetProperty("type", out var declared) ? declared.GetString() : null;
            var format = schema.TryGetProperty("format", out var declaredFormat) ? $"({declaredFormat.GetString()})" : string.Empty;
            var items = schema.TryGetProperty("items", out var item) ? $"[{Shape(item)}]" : string.Empty;
            var values = schema.TryGetProperty("enum", out var enumeration) ? $"{{{string.Join(",", enumeration.EnumerateArray())}}}" : string.Empty;
            return type is null && format.Length == 0 && items.Length == 0 && values.Length == 0 ? "any" : $"{type}{format}{items}{values}{nullable}";
        }

        private static bool IsNull(JsonElement schema) =>
            schema.TryGetProperty("enum", out var values) && values.GetArrayLength() == 1 && values[0].ValueKind == JsonValueKind.Null;
    }
}
