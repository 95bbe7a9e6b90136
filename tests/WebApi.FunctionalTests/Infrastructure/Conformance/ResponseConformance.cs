extern alias JsonEverything;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonEverything::Json.Schema;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// Checks an answer of the API against what an OpenAPI document (3.0 or 3.1) promises for it: the operation is found by
/// method and path template, the response by status code (then its range, such as 4XX, then <c>default</c>), then the
/// media type; the body is validated against that media type's schema (JSON Schema through JsonSchema.Net, with
/// <c>$ref</c>s resolved and formats such as uuid, date-time and int32 checked), and the headers the response marks
/// required must be there. An answer the document does not describe (an undocumented status, media type or body) is
/// a violation too: it means the document lies to the clients generated from it.
/// </summary>
public sealed class ResponseConformance
{
    private static readonly Lazy<ResponseConformance> CheckedIn = new(() => Load(RepositoryFiles.CheckedInApiDocument));

    private readonly JsonObject _document;
    private readonly bool _openApi30;
    private readonly BuildOptions _buildOptions;
    private readonly EvaluationOptions _evaluationOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _building = new();
    private readonly IReadOnlyList<KnownDocumentFault> _knownFaults;

    public ResponseConformance(JsonObject document, IReadOnlyList<KnownDocumentFault>? knownFaults = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
        _knownFaults = knownFaults ?? [];
        var version = document["openapi"]?.GetValue<string>() ?? throw new ArgumentException("Not an OpenAPI 3 document: no 'openapi' field.", nameof(document));
        _openApi30 = version.StartsWith("3.0", StringComparison.Ordinal);
        if (!_openApi30 && !version.StartsWith("3.1", StringComparison.Ordinal))
        {
            throw new ArgumentException($"OpenAPI {version} is not a version this check reads (3.0 or 3.1).", nameof(document));
        }

        _buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.Build(JsonSerializer.SerializeToElement(DocumentSchemas.Components(document, _openApi30)), _buildOptions);
        _evaluationOptions = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
            FormatRegistry = OpenApiFormats.Registry,
        };
    }

    /// <summary>The document the clients are generated from (clients/openapi.json), with its <see cref="KnownDocumentFaults"/>.</summary>
    public static ResponseConformance ForCheckedInDocument => CheckedIn.Value;

    public static ResponseConformance Load(string documentPath) =>
        new(JsonNode.Parse(File.ReadAllText(documentPath))!.AsObject(), KnownDocumentFaults.All);

    /// <summary>What in <paramref name="response"/> breaks the document; empty when it conforms.</summary>
    public ConformanceReport Check(ObservedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (template, pathItem) = FindPath(response.Path);
        if (pathItem is null)
        {
            return new ConformanceReport($"{response.Method} {response.Path}", response.Status, [$"no path of the document matches {response.Path}"]);
        }

        var method = response.Method.ToLowerInvariant();
        if (pathItem[method] is not JsonObject operation)
        {
            return new ConformanceReport($"{response.Method} {template}", response.Status, [$"the document has no {response.Method} operation on {template}"]);
        }

        var operationName = $"{response.Method} {template} ({operation["operationId"]?.GetValue<string>() ?? "no operationId"})";
        var violations = new List<string>();
        var statusKey = response.Status.ToString(CultureInfo.InvariantCulture);
        var responses = operation["responses"] as JsonObject ?? [];
        var documentedKey = new[] { statusKey, $"{statusKey[0]}XX", "default" }.FirstOrDefault(responses.ContainsKey);
        if (documentedKey is null)
        {
            violations.Add($"status {statusKey} is not documented (the document lists {string.Join(", ", responses.Select(pair => pair.Key))})");
            return new ConformanceReport(operationName, response.Status, violations);
        }

        var documented = Resolve(responses[documentedKey]);
        CheckHeaders(documented, response, violations);
        CheckBody(documented, $"/paths/{Escape(template)}/{method}/responses/{documentedKey}", operation, response, violations);
        return new ConformanceReport(operationName, response.Status, violations);
    }

    private (string Template, JsonObject? PathItem) FindPath(string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        var candidates =
            from pair in _document["paths"] as JsonObject ?? []
            let templateSegments = pair.Key.TrimEnd('/').Split('/')
            where templateSegments.Length == segments.Length
            where templateSegments.Zip(segments).All(parts => IsParameter(parts.First) ? parts.Second.Length > 0 : string.Equals(parts.First, parts.Second, StringComparison.OrdinalIgnoreCase))
            // The most literal template wins: /users/me before /users/{id}.
            orderby templateSegments.Count(segment => !IsParameter(segment)) descending
            select (pair.Key, pair.Value as JsonObject);
        return candidates.FirstOrDefault();
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private void CheckHeaders(JsonObject documented, ObservedResponse response, List<string> violations)
    {
        foreach (var (name, header) in documented["headers"] as JsonObject ?? [])
        {
            if (Resolve(header)["required"]?.GetValue<bool>() == true && !response.HeaderNames.Contains(name))
            {
                violations.Add($"header {name}: required, and missing");
            }
        }
    }

    private void CheckBody(JsonObject documented, string responsePointer, JsonObject operation, ObservedResponse response, List<string> violations)
    {
        var content = documented["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            if (!response.Body.IsEmpty)
            {
                violations.Add($"body: the document declares none, the answer has {response.Body.Length} bytes of {response.ContentType ?? "no content type"}");
            }

            return;
        }

        if (response.Body.IsEmpty)
        {
            if (response.Method != "HEAD")
            {
                violations.Add($"body: the document declares {string.Join(" or ", content.Select(pair => pair.Key))}, the answer has none");
            }

            return;
        }

        var mediaType = response.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        var mediaKey = new[] { mediaType, $"{mediaType.Split('/')[0]}/*", "*/*" }.FirstOrDefault(content.ContainsKey);
        if (mediaKey is null)
        {
            violations.Add($"content type: the answer is '{mediaType}', the document declares {string.Join(" or ", content.Select(pair => pair.Key))}");
            return;
        }

        if (content[mediaKey]?["schema"] is not { } schemaNode || !IsJson(mediaType))
        {
            return;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(response.Body).RootElement.Clone();
        }
        catch (JsonException invalid)
        {
            violations.Add($"body: not JSON ({invalid.Message})");
            return;
        }

        var schema = _schemas.GetOrAdd($"{responsePointer}/content/{Escape(mediaKey)}", _ => Build(schemaNode));
        var results = schema.Evaluate(body, _evaluationOptions);
        if (results.IsValid)
        {
            return;
        }

        var operationId = operation["operationId"]?.GetValue<string>();
        foreach (var failed in new[] { results }.Concat(results.Details ?? []).Where(node => node.Errors is { Count: > 0 }))
        {
            var schemaLocation = DocumentSchemas.InDocumentTerms(failed.SchemaLocation.ToString());
            foreach (var (keyword, message) in failed.Errors!)
            {
                var rule = $"{schemaLocation.TrimEnd('/')}/{keyword}";
                if (_knownFaults.Any(fault => fault.Covers(operationId, response.Status, rule, keyword)))
                {
                    continue;
                }

                var pointer = failed.InstanceLocation.ToString();
                violations.Add($"body at '{(pointer.Length == 0 ? "/" : pointer)}': {keyword}: {message} (rule {rule})");
            }
        }

        // Every error of a failed evaluation was a known fault: the body is as the document means it.
    }

    private JsonSchema Build(JsonNode schemaNode)
    {
        // The registry the schemas share is not built to be written by several threads at once.
        lock (_building)
        {
            return JsonSchema.Build(JsonSerializer.SerializeToElement(DocumentSchemas.Standalone(schemaNode, _openApi30)), _buildOptions);
        }
    }

    /// <summary>A response or header object, or the one its <c>$ref</c> (#/components/...) names.</summary>
    private JsonObject Resolve(JsonNode? node)
    {
        var current = node as JsonObject ?? [];
        while (current["$ref"]?.GetValue<string>() is { } reference)
        {
            JsonNode? target = _document;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            current = target as JsonObject ?? throw new InvalidOperationException($"The document's reference {reference} leads nowhere.");
        }

        return current;
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Escape(string pointerPart) =>
        pointerPart.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
