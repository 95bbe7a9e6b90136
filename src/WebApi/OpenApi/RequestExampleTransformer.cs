using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>Puts the <see cref="RequestExamples"/> body on each operation's JSON request, where Swagger UI shows it.</summary>
internal sealed class RequestExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var bodyType = context.Description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source == BindingSource.Body)?.Type;
        if (bodyType is not null
            && RequestExamples.For(bodyType) is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true
            && media is OpenApiMediaType concrete)
        {
            concrete.Example = example;
        }

        return Task.CompletedTask;
    }
}
