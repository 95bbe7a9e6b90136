using System.Text.Json;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>A parameter of an operation: where it goes (path, query or header), its name and its schema.</summary>
internal sealed record ApiParameter(string Name, string In, JsonElement Schema, bool Required);

/// <summary>An operation's request body: its media type, its schema (as written, maybe a <c>$ref</c>), and whether it is required.</summary>
internal sealed record ApiRequestBody(string MediaType, JsonElement Schema, bool Required);

/// <summary>One operation of the OpenAPI document, as the fuzzer needs it.</summary>
internal sealed record ApiOperation(
    string Method,
    string PathTemplate,
    string OperationId,
    IReadOnlyList<ApiParameter> Parameters,
    ApiRequestBody? Body,
    bool RequiresToken)
{
    /// <summary>"METHOD /path/{template}", as the authorization matrix names operations too.</summary>
    public string Key => $"{Method} {PathTemplate}";

    public IEnumerable<ApiParameter> In(string location) => Parameters.Where(parameter => parameter.In == location);

    public bool Declares(string header) =>
        In("header").Any(parameter => string.Equals(parameter.Name, header, StringComparison.OrdinalIgnoreCase));

    public bool ChangesState => Method != "GET";

    public override string ToString() => Key;
}

/// <summary>
/// The operations of the API's OpenAPI 3.0 document, and what their schemas mean: <see cref="Resolve"/> follows a
/// <c>$ref</c>, and reads the <c>oneOf: [null, $ref]</c> the document writes for a nullable reference as that reference.
/// </summary>
internal sealed class ApiDescription(JsonElement document)
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    public IReadOnlyList<ApiOperation> Operations { get; } = ReadOperations(document);

    /// <summary>The schema itself, or the one its <c>$ref</c> (or nullable <c>oneOf</c> wrapper) points to.</summary>
    public JsonElement Resolve(JsonElement schema) => Resolve(schema, document);

    private static JsonElement Resolve(JsonElement schema, JsonElement document)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return schema;
            }

            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = Follow(document, reference.GetString()!);
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf)
                && oneOf.EnumerateArray().FirstOrDefault(branch => !IsNullOnly(branch)) is { ValueKind: JsonValueKind.Object } branch)
            {
                schema = branch;
            }
            else
            {
                return schema;
            }
        }

        throw new InvalidOperationException("A $ref cycle in the OpenAPI document.");
    }

    /// <summary>Whether null is a value the schema admits (OpenAPI 3.0's <c>nullable</c>, or a <c>oneOf</c> with a null branch).</summary>
    public static bool AdmitsNull(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object
        || (schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        || (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(IsNullOnly));

    private static bool IsNullOnly(JsonElement branch) =>
        branch.TryGetProperty("enum", out var values) && values.EnumerateArray().All(value => value.ValueKind == JsonValueKind.Null);

    private static JsonElement Follow(JsonElement document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are expected, not '{reference}'.");
        }

        var target = document;
        foreach (var segment in reference[2..].Split('/'))
        {
            target = target.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return target;
    }

    private static List<ApiOperation> ReadOperations(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(entry => Methods.Contains(entry.Name)))
            {
                operations.Add(ReadOperation(document, path.Name, method.Name.ToUpperInvariant(), method.Value));
            }
        }

        return operations;
    }

    private static ApiOperation ReadOperation(JsonElement document, string path, string method, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var declared)
            ? declared.EnumerateArray().Select(parameter => Resolve(parameter, document)).Select(parameter => new ApiParameter(
                parameter.GetProperty("name").GetString()!,
                parameter.GetProperty("in").GetString()!,
                parameter.TryGetProperty("schema", out var schema) ? schema : default,
                parameter.TryGetProperty("required", out var required) && required.GetBoolean())).ToList()
            : [];

        ApiRequestBody? body = null;
        if (operation.TryGetProperty("requestBody", out var requestBody))
        {
            var content = Resolve(requestBody, document).GetProperty("content").EnumerateObject().First();
            body = new ApiRequestBody(
                content.Name,
                content.Value.GetProperty("schema"),
                requestBody.TryGetProperty("required", out var required) && required.GetBoolean());
        }

        var requiresToken = operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(requirement => requirement.EnumerateObject().Any());
        return new ApiOperation(method, path, operation.GetProperty("operationId").GetString()!, parameters, body, requiresToken);
    }
}
