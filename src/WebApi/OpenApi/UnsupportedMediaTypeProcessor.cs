using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// Every operation that reads a body answers 415 <c>unsupported_media_type</c> to one it cannot read (another media
/// type, an unknown charset): each says so, with the problem schema its other errors use.
/// </summary>
internal sealed class UnsupportedMediaTypeProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        var problem = context.Document.Components.Schemas[nameof(Microsoft.AspNetCore.Mvc.ProblemDetails)];
        foreach (var operation in context.Document.Operations.Select(description => description.Operation).Where(operation => operation.RequestBody is not null))
        {
            if (!operation.Responses.ContainsKey("415"))
            {
                var response = new OpenApiResponse { Description = "Unsupported Media Type" };
                response.Content["application/problem+json"] = new OpenApiMediaType { Schema = new JsonSchema { Reference = problem } };
                operation.Responses["415"] = response;
            }
        }
    }
}
