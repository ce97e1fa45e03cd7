using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Every error response (4xx, 5xx) is the one <see cref="ProblemSchemaTransformer.SchemaId"/> schema in
/// <c>application/problem+json</c>, and only that: the controllers' <c>[Produces("application/json")]</c> would
/// otherwise add an empty <c>application/json</c> entry. Success responses lose empty entries too (204). Every
/// operation that needs a bearer token also answers 403: principal resolution refuses a deactivated or unknown
/// principal (<c>principal.deactivated</c>) before the action runs.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemContentType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        if (!anonymous && operation.Responses is { } declared && !declared.ContainsKey("403"))
        {
            declared["403"] = new OpenApiResponse { Description = "Forbidden" };
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (status.Length == 3 && status[0] is '4' or '5')
            {
                concrete.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaTransformer.SchemaId, context.Document) },
                };
            }
            else if (concrete.Content is { } content)
            {
                foreach (var empty in content.Where(c => c.Value.Schema is null).Select(c => c.Key).ToList())
                {
                    content.Remove(empty);
                }

                if (content.Count == 0)
                {
                    concrete.Content = null;
                }
            }
        }

        return Task.CompletedTask;
    }
}
