using System.Text.Json.Nodes;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Valid values the schema cannot give, by property or parameter name, for one operation and caller: ids of things
/// that exist, an email that signs in, a fresh refresh token. <see cref="Omit"/> leaves an optional property out of
/// the baseline (one that only makes sense with others, such as a cursor).
/// </summary>
internal sealed class ValueHints(Guid unknownId)
{
    private readonly Dictionary<string, JsonNode?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _omitted = new(StringComparer.Ordinal);

    /// <summary>A well-formed id that names nothing.</summary>
    public Guid UnknownId { get; } = unknownId;

    public ValueHints Set(string name, JsonNode? value)
    {
        _values[name] = value;
        return this;
    }

    public ValueHints Omit(string name)
    {
        _omitted.Add(name);
        return this;
    }

    public bool TryGet(string name, out JsonNode? value) => _values.TryGetValue(name, out value);

    public bool Omits(string name) => _omitted.Contains(name);
}
