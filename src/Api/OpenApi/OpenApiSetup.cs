using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// The OpenAPI documents: <c>/openapi/v1.json</c> (the platform API) and <c>/openapi/github-webhooks.json</c>
/// (the receiver GitHub calls). Committed as <c>docs/openapi/*.json</c>; regenerate with
/// <c>scripts/update-openapi.sh</c>. The transformers in this folder make the document say what the wire does.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string ApiDocument = "v1";
    public const string WebhooksDocument = "github-webhooks";
    public const string SignatureScheme = "GitHubSignature";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi(ApiDocument, options =>
        {
            options.ShouldInclude = description => description.GroupName is null or ApiDocument;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RunnerTokens API",
                    Version = "v1",
                    Description = "Brokers GitHub self-hosted runner JIT configurations and registration tokens under team label policies. "
                        + "Every error is an RFC 9457 problem (application/problem+json) with a stable errorCode.",
                };
                AddBearerScheme(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                RequireBearer(operation, context);
                return Task.CompletedTask;
            });
            Common(options);
        });
        services.AddOpenApi(WebhooksDocument, options =>
        {
            options.ShouldInclude = description => description.GroupName == WebhooksDocument;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RunnerTokens GitHub webhook receiver",
                    Version = "v1",
                    Description = "The endpoint GitHub delivers webhooks to (authenticated by the X-Hub-Signature-256 HMAC, not a bearer token). "
                        + "Not for platform teams: see the v1 document.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SignatureScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-Hub-Signature-256",
                    Description = "sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>, as GitHub signs every delivery.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SignatureScheme, context.Document)] = [] }];
                return Task.CompletedTask;
            });
            Common(options);
        });
        return services;
    }

    private static void Common(OpenApiOptions options)
    {
        // A .NET type name (JsonElement: free-form JSON) is no schema name: inline it as "any JSON".
        options.CreateSchemaReferenceId = type =>
            type.Type == typeof(JsonElement) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddSchemaTransformer<EnumSchemaTransformer>();
        options.AddSchemaTransformer<RequestSchemaTransformer>();
        options.AddSchemaTransformer<ResponseSchemaTransformer>();
        options.AddOperationTransformer<OperationIdTransformer>();
        options.AddOperationTransformer<ProblemResponsesTransformer>();
        options.AddOperationTransformer<ResponseHeadersTransformer>();
        options.AddDocumentTransformer<ProblemSchemaTransformer>();
        options.AddDocumentTransformer<RequestSchemaTransformer>();
        options.AddDocumentTransformer<TagDescriptionsTransformer>();
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = []; // not the caller's host: clients configure the base address
            return Task.CompletedTask;
        });
    }

    private static void AddBearerScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An OIDC access or ID token from one of the configured issuers.",
        };
    }

    private static void RequireBearer(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata
            .OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        if (!anonymous)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
            });
        }
    }
}
