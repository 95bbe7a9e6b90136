using System.Net;
using System.Text.Json;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>An RFC 9457 problem-details answer, checked for what every error of this API carries (type, title, detail, code, traceId).</summary>
public sealed record Problem(int Status, string Code, string? TraceId, IReadOnlyDictionary<string, string[]> Errors, JsonElement Body)
{
    /// <summary>Asserts the status, the problem+json content type and the code, and returns the problem.</summary>
    public static Task<Problem> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        AssertAsync(response, status, [code]);

    /// <summary>Asserts the status, the problem+json content type and that the code is one of <paramref name="codes"/>.</summary>
    public static async Task<Problem> AssertAsync(HttpResponseMessage response, HttpStatusCode status, IReadOnlyCollection<string> codes)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(codes);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {string.Join(" or ", codes)}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        var problem = new Problem(
            body.GetProperty("status").GetInt32(),
            body.GetProperty("code").GetString() ?? string.Empty,
            body.TryGetProperty("traceId", out var traceId) ? traceId.GetString() : null,
            body.TryGetProperty("errors", out var errors)
                ? errors.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.EnumerateArray().Select(message => message.GetString() ?? string.Empty).ToArray())
                : new Dictionary<string, string[]>(),
            body);
        Assert.Contains(problem.Code, codes);
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId), "Every problem carries a traceId.");
        foreach (var member in (string[])["type", "title", "detail"])
        {
            Assert.True(
                body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0,
                $"Every problem carries a '{member}': {text}");
        }

        return problem;
    }
}
