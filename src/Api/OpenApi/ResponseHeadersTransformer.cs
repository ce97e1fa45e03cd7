using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// Declares the headers the service sends: <c>Location</c> on every 201 (CreatedAtAction), <c>Retry-After</c> on
/// 429 (rate limiter, GitHub rate limits) and 503 (GitHub unavailable, when it says how long).
/// </summary>
internal sealed class ResponseHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            switch (status)
            {
                case "201":
                    Add(concrete, "Location", "The URL of the created resource.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" });
                    break;
                case "429":
                case "503":
                    Add(concrete, "Retry-After", "Seconds to wait before retrying, when known.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" });
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponse response, string name, string description, OpenApiSchema schema)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = schema };
    }
}
