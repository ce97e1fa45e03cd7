using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Response bodies (the Application's <c>*Dto</c> records) always carry every property, null when it has no value,
/// so each one is required. The framework derives "required" from constructor parameters, which misses the
/// properties a derived DTO inherits (<c>RunnerDetailsDto</c> is <c>RunnerDto</c> plus its jobs).
/// </summary>
internal sealed class ResponseSchemaTransformer : IOpenApiSchemaTransformer
{
    private const string ApplicationNamespace = "RunnerTokens.Application";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Properties is { Count: > 0 } properties
            && type.Namespace?.StartsWith(ApplicationNamespace, StringComparison.Ordinal) == true
            && type.Name.EndsWith("Dto", StringComparison.Ordinal)
            && context.JsonTypeInfo.Properties.All(p => p.ShouldSerialize is null))
        {
            schema.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}
