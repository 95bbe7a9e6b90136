namespace TaskOrchestration.WebApi.Http;

/// <summary>Describes a string query parameter as this enum (or an array of it) in the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryEnumAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;
}
