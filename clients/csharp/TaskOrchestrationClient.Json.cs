using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TaskOrchestration.Client;

/// <summary>
/// JSON as the API reads and writes it: enums are their camelCase API words ("pending", "high"), in both directions,
/// and a property left unset is left out (the API treats a missing field as "not given"; null is not a value of
/// most of its fields).
/// </summary>
public partial class TaskOrchestrationClient
{
    private static readonly JsonStringEnumConverter ApiEnumWords = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    /// <summary>
    /// Keeps every answer's text: a refused call's <see cref="ApiException.Response"/> is then the problem the API
    /// answered, which ApiException reads its Code, Errors and TraceId from (read from the stream, it would be empty).
    /// </summary>
    partial void Initialize() => ReadResponseAsString = true;

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Enums inside collections (allowedActions) have no converter of their own.
        settings.Converters.Add(ApiEnumWords);
        // The generated properties carry a JsonStringEnumConverter without a naming policy, which would write "High";
        // the API reads that too, but sends and documents "high". Without their own converter, the one above applies.
        settings.TypeInfoResolver = (settings.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(UseApiEnumWords);
    }

    private static void UseApiEnumWords(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (enumType.IsEnum && property.CustomConverter is not null)
            {
                property.CustomConverter = null;
            }
        }
    }
}
