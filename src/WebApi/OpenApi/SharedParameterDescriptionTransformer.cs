using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskOrchestration.WebApi.Http;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// Describes the parameters that mean the same on every operation (resource ids in the path, If-Match, paging),
/// with one wording kept here. Parameters of one endpoint only, the list filters, carry a [Description] where they
/// are declared; this fills in only what is still undescribed.
/// </summary>
internal sealed partial class SharedParameterDescriptionTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.Ordinal)
    {
        [EntityTag.IfMatchHeader] = "The ETag of the version you read; the change is refused with 412 when the resource has changed since (leave it out to change it whatever its version).",
        ["page"] = "The page number, from 1 (offset paging).",
        ["pageSize"] = "Items per page, 1 to 100.",
        ["includeTotal"] = "Count every match too and answer it as totalCount (up to 10,000; null beyond). The page alone is much cheaper.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(parameter => string.IsNullOrEmpty(parameter.Description)))
        {
            parameter.Description = parameter.In == ParameterLocation.Path
                ? PathIdDescription(context.Description.RelativePath ?? string.Empty, parameter.Name ?? string.Empty)
                : ByName.GetValueOrDefault(parameter.Name ?? string.Empty);
        }

        return Task.CompletedTask;
    }

    /// <summary>"{id}" names the resource of the segment before it (tasks/{id}: the task); "{userId}" names a user.</summary>
    private static string? PathIdDescription(string path, string name)
    {
        if (name.EndsWith("Id", StringComparison.Ordinal))
        {
            return $"The {name[..^2]}'s id.";
        }

        var segment = PrecedingSegment().Match(path);
        return name == "id" && segment.Success ? $"The {segment.Groups["resource"].Value.TrimEnd('s')}'s id." : null;
    }

    [GeneratedRegex(@"(?<resource>[a-z]+)/\{id(:[a-z]+)?\}")]
    private static partial Regex PrecedingSegment();
}
