using System.Net.Http.Json;
using System.Text.Json;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>Reads and writes JSON exactly as the API does.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var value = await response.Content.ReadFromJsonAsync<T>(Options);
        return value ?? throw new InvalidOperationException($"The body of a {(int)response.StatusCode} answer was empty.");
    }

    public static JsonContent Body(object value) => JsonContent.Create(value, value.GetType(), options: Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WebApiSetup.ConfigureJson(options);
        return options;
    }
}
