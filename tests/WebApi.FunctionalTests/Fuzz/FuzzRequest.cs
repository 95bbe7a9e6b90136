using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// One request to send, described as data so that a mutation can change any part of it and a failure can print it
/// exactly. Path and query values are raw URL text (already percent-encoded, or deliberately not); the body is
/// <see cref="Json"/> (a valid value built from the schema) until a mutation replaces it with raw text.
/// </summary>
internal sealed record FuzzRequest(
    ApiOperation Operation,
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonNode? Json,
    string? RawBody,
    string? ContentType,
    bool SendsCallerToken,
    string Mutation)
{
    public const string Baseline = "baseline";

    /// <summary>The body as sent: the raw text a mutation wrote, else the JSON value, else nothing.</summary>
    public string? Body => RawBody ?? Json?.ToJsonString();

    public string Url
    {
        get
        {
            var path = Operation.PathTemplate;
            foreach (var (name, value) in PathValues)
            {
                path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
            }

            return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(pair => pair.Key + "=" + pair.Value));
        }
    }

    public FuzzRequest WithHeader(string name, string value) => this with { Headers = [.. Headers.Where(header => !Is(header, name)), new(name, value)] };

    public FuzzRequest WithoutHeader(string name) => this with { Headers = [.. Headers.Where(header => !Is(header, name))] };

    public FuzzRequest WithBody(string? rawBody, string? contentType = "application/json") => this with { Json = null, RawBody = rawBody, ContentType = rawBody is null ? null : contentType };

    public FuzzRequest WithQuery(string name, params string[] values) =>
        this with { Query = [.. Query.Where(pair => pair.Key != name), .. values.Select(value => new KeyValuePair<string, string>(name, value))] };

    public FuzzRequest WithPathValue(string name, string value) =>
        this with { PathValues = new Dictionary<string, string>(PathValues, StringComparer.Ordinal) { [name] = value } };

    public HttpRequestMessage ToHttpRequest(string? callerToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(Url, UriKind.Relative));
        if (SendsCallerToken && callerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", callerToken);
        }

        if (Body is { } body)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                throw new InvalidOperationException($"The header {name} cannot be sent by HttpClient.");
            }
        }

        return request;
    }

    private static bool Is(KeyValuePair<string, string> header, string name) => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase);
}
