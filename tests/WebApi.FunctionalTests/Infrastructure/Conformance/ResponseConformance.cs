extern alias JsonEverything;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using JsonEverything::Json.Schema;
using TaskOrchestration.TestSupport;

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
    private static readonly Lazy<ResponseConformance> CheckedIn =
        new(() => Load(Path.Combine(RepositoryFolder.Path, "clients", "openapi.json")));

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
        // A parsed JsonNode builds its children on first access, which is not safe from several threads at once (the
        // test collections' hosts share this check): build them all now, and only read them afterwards.
        Materialize(document);
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
            OutputFormat = OutputFormat.Hierarchical,
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
        var method = response.Method.ToLowerInvariant();
        if (pathItem?[method] is not JsonObject operation)
        {
            // The API may refuse what it does not offer (a test probing an unknown address or method: 404, 405, or
            // 401 first for an anonymous caller); serving it means the document hides an operation, and a 5xx is a
            // failure whatever the address.
            var refused = response.Status is >= 400 and < 500;
            var missing = pathItem is null ? $"no path of the document matches {response.Path}" : $"the document has no {response.Method} operation on {template}";
            return new ConformanceReport(
                $"{response.Method} {template ?? response.Path}",
                response.Status,
                refused ? [] : [$"{missing}, yet the API answered {response.Status} rather than a refusal (4xx)"]);
        }

        var operationId = operation["operationId"]?.GetValue<string>();
        var operationName = $"{response.Method} {template} ({operationId ?? "no operationId"})";
        var operationPointer = $"#/paths/{Escape(template!)}/{method}";
        var violations = new List<Violation>();
        var statusKey = response.Status.ToString(CultureInfo.InvariantCulture);
        var responses = operation["responses"] as JsonObject ?? [];
        var documentedKey = new[] { statusKey, $"{statusKey[0]}XX", "default" }.FirstOrDefault(responses.ContainsKey);
        if (documentedKey is null)
        {
            violations.Add(new Violation(
                $"{operationPointer}/responses/{statusKey}",
                $"status {statusKey} is not documented (the document lists {string.Join(", ", responses.Select(pair => pair.Key))})"));
        }
        else
        {
            var documented = Resolve(responses[documentedKey]);
            var responsePointer = $"{operationPointer}/responses/{documentedKey}";
            CheckHeaders(documented, responsePointer, response, violations);
            CheckBody(documented, responsePointer, response, violations);
        }

        return new ConformanceReport(
            operationName,
            response.Status,
            [.. violations.Where(violation => !_knownFaults.Any(fault => fault.Covers(operationId, response.Status, violation.Rule))).Select(violation => violation.Text)]);
    }

    /// <summary>A rule of the document (where it is, as a JSON pointer into the document) and how the answer broke it.</summary>
    private sealed record Violation(string Rule, string Text);

    private (string? Template, JsonObject? PathItem) FindPath(string path)
    {
        // One trailing slash is the same address to the API's router; two are not.
        var segments = (path.Length > 1 && path.EndsWith('/') ? path[..^1] : path).Split('/');
        var candidates =
            from pair in _document["paths"] as JsonObject ?? []
            let templateSegments = pair.Key.TrimEnd('/').Split('/')
            where templateSegments.Length == segments.Length
            where templateSegments.Zip(segments).All(parts => IsParameter(parts.First) ? parts.Second.Length > 0 : string.Equals(parts.First, parts.Second, StringComparison.OrdinalIgnoreCase))
            // The most literal template wins: /users/me before /users/{id}.
            orderby templateSegments.Count(segment => !IsParameter(segment)) descending
            select ((string?)pair.Key, pair.Value as JsonObject);
        return candidates.FirstOrDefault();
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private void CheckHeaders(JsonObject documented, string responsePointer, ObservedResponse response, List<Violation> violations)
    {
        foreach (var (name, header) in documented["headers"] as JsonObject ?? [])
        {
            if (Resolve(header)["required"]?.GetValue<bool>() == true && !response.HeaderNames.Contains(name))
            {
                violations.Add(new Violation($"{responsePointer}/headers/{Escape(name)}/required", $"header {name}: required, and missing"));
            }
        }
    }

    private void CheckBody(JsonObject documented, string responsePointer, ObservedResponse response, List<Violation> violations)
    {
        var content = documented["content"] as JsonObject;
        if (content is null || content.Count == 0)
        {
            if (!response.Body.IsEmpty)
            {
                violations.Add(new Violation($"{responsePointer}/content", $"body: the document declares none, the answer has {response.Body.Length} bytes of {response.ContentType ?? "no content type"}"));
            }

            return;
        }

        if (response.Body.IsEmpty)
        {
            if (response.Method != "HEAD")
            {
                violations.Add(new Violation($"{responsePointer}/content", $"body: the document declares {string.Join(" or ", content.Select(pair => pair.Key))}, the answer has none"));
            }

            return;
        }

        var mediaType = response.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        var mediaKey = new[] { mediaType, $"{mediaType.Split('/')[0]}/*", "*/*" }.FirstOrDefault(content.ContainsKey);
        if (mediaKey is null)
        {
            violations.Add(new Violation($"{responsePointer}/content", $"content type: the answer is '{mediaType}', the document declares {string.Join(" or ", content.Select(pair => pair.Key))}"));
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
            violations.Add(new Violation($"{responsePointer}/content/{Escape(mediaKey)}", $"body: not JSON ({invalid.Message})"));
            return;
        }

        var schema = _schemas.GetOrAdd($"{responsePointer}/content/{Escape(mediaKey)}/schema", _ => Build(schemaNode));
        violations.AddRange(
            from failure in Failures(schema.Evaluate(body, _evaluationOptions))
            select new Violation(failure.Rule, $"body at '{(failure.Pointer.Length == 0 ? "/" : failure.Pointer)}': {failure.Keyword}: {failure.Message} (rule {failure.Rule})"));
    }

    /// <summary>
    /// The failed keywords of an evaluation, found by walking down the failed nodes only (a failed branch of a
    /// oneOf that another branch satisfied is no failure).
    /// </summary>
    private static IEnumerable<(string Pointer, string Keyword, string Message, string Rule)> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        var pointer = node.InstanceLocation.ToString();
        var location = DocumentSchemas.InDocumentTerms(node.SchemaLocation.ToString()).TrimEnd('/');
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            yield return (pointer, keyword, message, $"{location}/{keyword}");
        }

        var failedBelow = (node.Details ?? []).Where(child => !child.IsValid).ToList();
        foreach (var failure in failedBelow.SelectMany(Failures))
        {
            yield return failure;
        }

        if (node.Errors is not { Count: > 0 } && failedBelow.Count == 0 && node.Details is { Count: > 0 })
        {
            // A oneOf that more than one subschema matched fails without a message of its own, and every node below
            // it passed: its keyword is the one its subschemas' evaluation paths go through. (A failed node with no
            // message and nothing below, such as a $ref's, has its failure reported where the reference leads.)
            var parentPath = node.EvaluationPath.ToString();
            var keyword = (node.Details ?? [])
                .Select(child => child.EvaluationPath.ToString())
                .Where(path => path.Length > parentPath.Length + 1)
                .Select(path => path[(parentPath.Length + 1)..].Split('/')[0])
                .First();
            var matched = (node.Details ?? []).Count(child => child.IsValid);
            yield return (pointer, keyword, $"the value matches {matched} of its subschemas, where {keyword} allows exactly one", $"{location}/{keyword}");
        }
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

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (_, value) in values)
                {
                    Materialize(value);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Escape(string pointerPart) =>
        pointerPart.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
