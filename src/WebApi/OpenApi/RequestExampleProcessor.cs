using Microsoft.AspNetCore.Mvc.ModelBinding;
using Newtonsoft.Json.Linq;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>Puts the <see cref="RequestExamples"/> body on each operation's JSON request, where Swagger UI shows it.</summary>
internal sealed class RequestExampleProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var description = ((AspNetCoreOperationProcessorContext)context).ApiDescription;
        var bodyType = description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source == BindingSource.Body)?.Type;
        if (bodyType is not null
            && RequestExamples.For(bodyType) is { } example
            && context.OperationDescription.Operation.RequestBody?.Content.TryGetValue("application/json", out var media) == true)
        {
            // NSwag writes the document with Newtonsoft.Json: the example as its JSON tree, not as a string.
            media.Example = JToken.Parse(example);
        }

        return true;
    }
}
