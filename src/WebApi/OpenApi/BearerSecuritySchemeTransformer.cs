using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>Declares the bearer scheme, so Swagger UI's Authorize button takes a token.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            In = ParameterLocation.Header,
            Description = "An access token from POST /api/v1/auth/token.",
        };
        return Task.CompletedTask;
    }
}
