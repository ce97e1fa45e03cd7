using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Request bodies (the <c>*Request</c> records of <c>Api/Contracts</c>) say what the service accepts, not what the
/// constructor looks like: a property is required when it carries <c>[Required]</c> (then null is refused too)
/// or is a non-nullable reference without a default; nullable or defaulted properties may be omitted. The schema
/// pass notes the <c>[Required]</c> properties; the document pass removes their null alternative once the
/// framework has written nullable references as <c>oneOf [null, $ref]</c>.
/// </summary>
internal sealed class RequestSchemaTransformer : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    private const string ContractsNamespace = "RunnerTokens.Api.Contracts";
    private const string NotNullKey = "runnertokens-not-null";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!IsRequestType(type) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        var notNull = new List<string>();
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            if (HasRequiredAttribute(property))
            {
                required.Add(property.Name);
                notNull.Add(property.Name);
                schema.Properties[property.Name] = WithoutNull(propertySchema);
            }
            else if (IsRequired(property) || IsRequiredMember(property))
            {
                required.Add(property.Name);
            }
        }

        schema.Required = required;
        if (notNull.Count > 0)
        {
            schema.Metadata ??= new Dictionary<string, object>();
            schema.Metadata[NotNullKey] = notNull;
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            if (schema.Metadata?.TryGetValue(NotNullKey, out var names) == true && names is List<string> notNull && schema.Properties is { } properties)
            {
                foreach (var name in notNull.Where(properties.ContainsKey))
                {
                    properties[name] = WithoutNull(properties[name]);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsRequestType(Type type) =>
        type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);

    private static bool HasRequiredAttribute(JsonPropertyInfo property) =>
        Has(property.AttributeProvider) || Has(property.AssociatedParameter?.AttributeProvider) || Has(ConstructorParameter(property));

    /// <summary>A positional record's attribute sits on the constructor parameter of the same name.</summary>
    private static ParameterInfo? ConstructorParameter(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member
            ? property.DeclaringType.GetConstructors()
                .SelectMany(c => c.GetParameters())
                .FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.Ordinal))
            : null;

    private static bool Has(ICustomAttributeProvider? provider) =>
        provider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    /// <summary>A C# <c>required</c> member (whole-object requests): it must be sent, though it may be null.</summary>
    private static bool IsRequiredMember(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member && member.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute), inherit: false);

    /// <summary>Omission binds null or the default: only a non-nullable reference without a default is refused.</summary>
    private static bool IsRequired(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
        {
            return false;
        }

        return property.AssociatedParameter is { } parameter
            ? !parameter.HasDefaultValue && !parameter.IsNullable
            : !property.IsSetNullable;
    }

    /// <summary>The schema without its null alternative: <c>oneOf [null, X]</c> becomes X, <c>[T, null]</c> becomes T.</summary>
    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        if (concrete.OneOf is { Count: > 0 } oneOf)
        {
            var rest = oneOf.Where(s => s.Type != JsonSchemaType.Null).ToList();
            if (rest.Count == 1)
            {
                return rest[0];
            }

            concrete.OneOf = rest;
        }

        if (concrete.Type is { } jsonType)
        {
            concrete.Type = jsonType & ~JsonSchemaType.Null;
        }

        return concrete;
    }
}
