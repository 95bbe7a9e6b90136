using System.Reflection;
using System.Text.Json;
using NJsonSchema.Generation;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// The request and answer types are records: a constructor parameter without a default must be in the JSON (the
/// property is required), and one with a default has it when left out (the schema says which). NSwag reads neither
/// from a primary constructor.
/// </summary>
internal sealed class ConstructorParameterSchemaProcessor(JsonNamingPolicy? naming) : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        var constructors = context.ContextualType.Type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (context.ContextualType.Type.IsEnum || constructors.Length != 1)
        {
            return;
        }

        foreach (var parameter in constructors[0].GetParameters())
        {
            var name = parameter.Name is { } declared ? naming?.ConvertName(declared) ?? declared : null;
            if (name is null || !context.Schema.Properties.TryGetValue(name, out var property))
            {
                continue;
            }

            if (!parameter.HasDefaultValue)
            {
                property.IsRequired = true;
            }
            else if (parameter.DefaultValue is bool or int or string)
            {
                property.Default = parameter.DefaultValue;
            }
        }
    }
}
