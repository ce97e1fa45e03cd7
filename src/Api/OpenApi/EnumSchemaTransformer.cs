using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Enums are strings on the wire (camelCase names, integers refused): say so next to their values. The shared enum
/// schema has no null value; where a property is nullable its own schema says so (<c>oneOf [null, $ref]</c>).
/// </summary>
internal sealed class EnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 } values)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = values.Where(value => value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
        }

        return Task.CompletedTask;
    }
}
