extern alias JsonEverything;

using System.Text.Json;
using JsonEverything::Json.Schema;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// The formats a validation checks: JSON Schema's own (uuid, date-time...) and the numeric ones OpenAPI adds
/// (int32, int64, uint32, float, double), which generated clients map to fixed-size types.
/// </summary>
internal static class OpenApiFormats
{
    public static FormatRegistry Registry { get; } = Create();

    private static FormatRegistry Create()
    {
        var registry = new FormatRegistry();
        registry.Register(Number("int32", number => number.TryGetInt32(out _)));
        registry.Register(Number("int64", number => number.TryGetInt64(out _)));
        registry.Register(Number("uint32", number => number.TryGetUInt32(out _)));
        registry.Register(Number("float", number => float.IsFinite(number.GetSingle())));
        registry.Register(Number("double", number => double.IsFinite(number.GetDouble())));
        return registry;
    }

    /// <summary>A format that applies to numbers only, as JSON Schema formats do.</summary>
    private static PredicateFormat Number(string name, Func<JsonElement, bool> fits) =>
        new(name, value => value.ValueKind != JsonValueKind.Number || fits(value));
}
