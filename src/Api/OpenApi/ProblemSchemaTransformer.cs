using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// The one <c>Problem</c> schema (RFC 9457) with every extension the service sends: <c>errorCode</c> (an enum of
/// <see cref="ErrorCodeCatalogue.All"/>), <c>traceId</c>, field <c>errors</c>, admission or policy
/// <c>violations</c>, quota <c>current</c>/<c>max</c>, <c>policyVersion</c>, <c>githubStatus</c>, <c>ambiguous</c>.
/// It replaces the framework's <c>ProblemDetails</c>, which knows none of them.
/// </summary>
internal sealed class ProblemSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string SchemaId = "Problem";
    private const string ViolationId = "ProblemViolation";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        document.Components.Schemas[SchemaId] = Problem(document);
        document.Components.Schemas[ViolationId] = Violation();
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. Switch on errorCode (stable), show title and detail, quote traceId when reporting.",
        Required = new HashSet<string> { "type", "title", "status", "errorCode", "traceId" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the problem type: https://runnertokens.dev/problems/{errorCode} for the service's own problems."),
            ["title"] = Text("A short summary of the problem type."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong in this occurrence, safe to show."),
            ["instance"] = Text("The request path."),
            ["errorCode"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable code (never renamed): the catalogue of every code the service can return.",
                Enum = ErrorCodeCatalogue.All.Select(code => (JsonNode)JsonValue.Create(code)!).ToList(),
            },
            ["traceId"] = Text("The W3C trace id of the request: quote it when reporting a problem."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation failures: field name to messages (request.validation_failed, request.invalid).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["violations"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Why a runner was not admitted (runner.label_not_allowed, runner.group_not_allowed, runner.quota_exceeded) or why a policy is invalid (team.policy_invalid).",
                Items = new OpenApiSchemaReference(ViolationId, document),
            },
            ["current"] = Count("Live runners now (runner.quota_exceeded)."),
            ["max"] = Count("The team's quota (runner.quota_exceeded)."),
            ["policyVersion"] = Count("The policy version the admission was decided under."),
            ["githubStatus"] = Count("The HTTP status GitHub answered with (github.* codes)."),
            ["ambiguous"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "GitHub may have acted although the call failed: check before retrying." },
        },
    };

    private static OpenApiSchema Violation() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One reason for a refusal. Only the members relevant to the code are present.",
        Required = new HashSet<string> { "code", "message" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = Text("Stable code, e.g. label.not_allowed, labels.too_many, runner_group.not_allowed, quota.exceeded, team.deactivated."),
            ["message"] = Text("Human-readable explanation."),
            ["kind"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Admission violations: the family of the violation.",
                Enum = ["teamDeactivated", "label", "runnerGroup", "quota"],
            },
            ["field"] = Text("Policy violations: the policy field at fault."),
            ["value"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Policy violations: the offending value." },
            ["label"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Label violations: the offending label (shortened to 200 characters)." },
            ["runnerGroupId"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64", Description = "The refused runner group." },
            ["current"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "Live runners (or labels) now." },
            ["max"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "The limit that was reached." },
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Count(string description) => new() { Type = JsonSchemaType.Integer, Format = "int32", Description = description };
}
