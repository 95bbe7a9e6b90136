using System.Text.Json;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>One line of a host's console in the JSON format (the process tests start every host with it).</summary>
internal static class JsonLogLine
{
    /// <summary>The line's entry, or null when the line is not JSON (a runtime message, a crash's text).</summary>
    public static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
