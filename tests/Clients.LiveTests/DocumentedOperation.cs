using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>
/// An operation of clients/openapi.json: how to recognise its requests, and which of its arguments are optional
/// (query and header parameters by name, and "body" when the request body is optional).
/// </summary>
public sealed record DocumentedOperation(string Id, HttpMethod Method, Regex Path, IReadOnlyList<string> Optional)
{
    public const string Body = "body";

    /// <summary>Every operation of the document the clients are generated from, the most literal paths first (/users/me before /users/{id}).</summary>
    public static IReadOnlyList<DocumentedOperation> ReadAll()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "openapi.json")));
        var operations = new List<DocumentedOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var operation = method.Value;
                var optional = new List<string>();
                if (operation.TryGetProperty("parameters", out var parameters))
                {
                    optional.AddRange(
                        from parameter in parameters.EnumerateArray()
                        where parameter.GetProperty("in").GetString() is "query" or "header"
                        where !(parameter.TryGetProperty("required", out var required) && required.GetBoolean())
                        select parameter.GetProperty("name").GetString()!);
                }

                if (operation.TryGetProperty("requestBody", out var body) && !(body.TryGetProperty("required", out var bodyRequired) && bodyRequired.GetBoolean()))
                {
                    optional.Add(Body);
                }

                var pattern = "^" + Regex.Replace(path.Name, "\\{[^}]+\\}", "[^/]+") + "$";
                operations.Add(new DocumentedOperation(
                    operation.GetProperty("operationId").GetString()!, new HttpMethod(method.Name.ToUpperInvariant()), new Regex(pattern, RegexOptions.CultureInvariant), optional));
            }
        }

        return [.. operations.OrderByDescending(operation => operation.Path.ToString().Replace("[^/]+", string.Empty, StringComparison.Ordinal).Length)];
    }
}
