using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskOrchestration.TaskListBenchmark;

/// <summary>A signed-in user's view of the API: GETs with their token, timed from send to the last byte read.</summary>
internal sealed class ApiSession
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;

    private ApiSession(HttpClient http, string accessToken)
    {
        _http = http;
        _authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public static async Task<ApiSession> SignInAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        await EnsureSuccessAsync(response, "sign in as " + email);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ApiSession(http, body.GetProperty("accessToken").GetString()!);
    }

    /// <summary>Registers the user unless they exist (409), then signs in.</summary>
    public static async Task<ApiSession> RegisterAndSignInAsync(HttpClient http, string email, string password, string displayName)
    {
        using (var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName }))
        {
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(response, "register " + email);
            }
        }

        return await SignInAsync(http, email, password);
    }

    /// <summary>One timed GET; anything but 200 stops the benchmark, since a failed request measures nothing.</summary>
    public async Task<(TimeSpan Elapsed, byte[] Body)> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _authorization;
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return (elapsed, body);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
