using System.Net.Http.Headers;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Sends the requests that build the fuzzing's fixtures, through the real endpoints, and counts them apart from
/// the fuzzing's own. A fixture that cannot be made stops the run: every later answer would mean nothing.
/// </summary>
internal sealed class FixtureClient(ApiFactory factory, Func<string, Task<TestUser>> signUp) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public ApiFactory Factory { get; } = factory;

    public int Requests { get; private set; }

    /// <summary>Registers and signs in a user of <paramref name="role"/> (two requests).</summary>
    public Task<TestUser> SignUpAsync(string role)
    {
        Requests += 2;
        return signUp(role);
    }

    /// <summary>Sends a request with <paramref name="token"/> and answers its JSON body; anything but a 2xx throws.</summary>
    public async Task<JsonElement> SendOkAsync(string? token, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(token, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"A fixture could not be made: {method} {path} answered {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Whether the API still takes <paramref name="token"/>.</summary>
    public async Task<bool> AcceptsAsync(string? token)
    {
        using var response = await SendAsync(token, HttpMethod.Get, "/api/v1/users/me");
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string? token, HttpMethod method, string path, object? body = null)
    {
        Requests++;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Body(body) };
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }
}
