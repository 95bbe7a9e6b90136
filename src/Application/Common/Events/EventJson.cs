using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskOrchestration.Application.Common.Events;

/// <summary>How events are written as JSON: as the API writes its answers (camelCase, enums as camelCase strings).</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
