using Microsoft.OpenApi;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json and the Swagger UI that reads it.</summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // NSwag's client generators read OpenAPI 3.0 most faithfully.
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TaskOrchestration API",
                    Version = DocumentName,
                    Description = "Task workflows with a declarative lifecycle. Errors are RFC 9457 problem details with a stable `code`.",
                };
                // No server URL: the document is the same wherever it is served (the checked-in copy the clients are
                // generated from, clients/openapi.json, must equal it), and clients are given their base URL.
                document.Servers = [];
                ApiTags.Apply(document);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddDocumentTransformer<ResponseSchemasRequiredTransformer>();
            options.AddOperationTransformer<BearerSecurityRequirementTransformer>();
            options.AddOperationTransformer<QueryEnumParameterTransformer>();
            options.AddOperationTransformer<SharedParameterDescriptionTransformer>();
            options.AddOperationTransformer<RequestExampleTransformer>();
            options.AddSchemaTransformer<ProblemDetailsSchemaTransformer>();
            options.AddSchemaTransformer<StringEnumSchemaTransformer>();
        });

    public static void UseApiDocumentation(this WebApplication app, string docsPath)
    {
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/openapi/{DocumentName}.json", "TaskOrchestration API v1");
            options.RoutePrefix = docsPath;
            options.DocumentTitle = "TaskOrchestration API";
            options.EnablePersistAuthorization();
        });
    }
}
