using Microsoft.AspNetCore.Mvc;
using NJsonSchema;
using NJsonSchema.Generation;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>Adds the two fields every error of this API carries, so generated clients can read them typed.</summary>
internal sealed class ProblemDetailsSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        // HttpValidationProblemDetails extends this schema (allOf), so it carries them too.
        if (context.ContextualType.Type != typeof(ProblemDetails))
        {
            return;
        }

        context.Schema.Properties["code"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Description = "A stable, machine-readable error code, such as validation_failed or task_already_taken.",
        };
        context.Schema.Properties["traceId"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Description = "The trace of the request; quote it when reporting a problem.",
        };
    }
}
