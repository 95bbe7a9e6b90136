using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using NJsonSchema;
using NSwag;
using TaskOrchestration.WebApi.Endpoints;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// What a minimal API's endpoint declares and NSwag leaves out: its summary and description (WithSummary,
/// WithDescription), the media type of each answer (problems are <c>application/problem+json</c>, as
/// <c>ProducesProblems</c> declares) with its status's reason phrase (a client's error message), and the bearer token
/// for every endpoint that is not anonymous. The generated clients' method signatures stay as they were before NSwag
/// served the document: the body is <c>body</c>, and the order is NSwag's default (required arguments first), not the
/// handler's parameter order.
/// </summary>
internal sealed class EndpointMetadataProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var description = ((AspNetCoreOperationProcessorContext)context).ApiDescription;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var operation = context.OperationDescription.Operation;

        operation.Summary ??= metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        operation.Description ??= metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description;

        foreach (var (status, response) in operation.Responses.Where(response => string.IsNullOrEmpty(response.Value.Description)))
        {
            response.Description = int.TryParse(status, CultureInfo.InvariantCulture, out var code) ? ReasonPhrases.GetReasonPhrase(code) : status;
        }

        foreach (var parameter in operation.Parameters)
        {
            parameter.Position = null;
        }

        if (operation.RequestBody is { } body)
        {
            body.Name = "body";
            body.Position = null;
        }

        foreach (var declared in description.SupportedResponseTypes)
        {
            var mediaTypes = declared.ApiResponseFormats.Select(format => format.MediaType).ToList();
            if (mediaTypes.Count == 0
                || !operation.Responses.TryGetValue(declared.StatusCode.ToString(CultureInfo.InvariantCulture), out var response)
                || response.Content.Count == 0)
            {
                continue;
            }

            var schema = response.Content.Values.First().Schema;
            response.Content.Clear();
            foreach (var mediaType in mediaTypes)
            {
                response.Content[mediaType] = new OpenApiMediaType { Schema = schema };
            }
        }

        // A text answer beside the JSON one (GET /lifecycle?format=mermaid) is a string.
        foreach (var text in metadata.OfType<TextAnswerMetadata>())
        {
            if (operation.Responses.TryGetValue(text.StatusCode.ToString(CultureInfo.InvariantCulture), out var response))
            {
                response.Content[text.ContentType] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String } };
            }
        }

        // Anonymous operations say so (an empty requirement), rather than leaving security undeclared.
        operation.Security ??= [];
        operation.Security.Add(metadata.OfType<IAllowAnonymous>().Any()
            ? new OpenApiSecurityRequirement()
            : new OpenApiSecurityRequirement { [ApiDocumentation.BearerScheme] = [] });

        return true;
    }
}
