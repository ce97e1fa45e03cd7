using System.Net.Http.Headers;

namespace RunnerTokens.Api.FunctionalTests.OpenApi;

/// <summary>
/// In every functional test client: checks each response of a documented operation against the committed
/// document (status documented, media type documented, body valid against its schema) and each accepted JSON
/// request body against the request schema. A mismatch fails the test that made the call, with what differed:
/// the document and the wire cannot drift apart unnoticed.
/// </summary>
public sealed class ContractValidatingHandler(OpenApiContract contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestJson = request.Content is { } content && IsJson(content.Headers.ContentType)
            ? await content.ReadAsStringAsync(cancellationToken)
            : null;
        var response = await base.SendAsync(request, cancellationToken);
        var operation = contract.Find(request.Method, request.RequestUri!.AbsolutePath);
        if (operation is null)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var failures = new List<string>();
        Check(operation, (int)response.StatusCode, response.Content.Headers.ContentType, await response.Content.ReadAsStringAsync(cancellationToken), requestJson, failures);
        contract.Called.TryAdd(operation.Name, true);
        if (failures.Count > 0)
        {
            Assert.Fail($"{request.Method} {request.RequestUri.PathAndQuery} -> {(int)response.StatusCode} does not match the OpenAPI document ({operation.Name}):\n  "
                + string.Join("\n  ", failures));
        }

        return response;
    }

    private void Check(OpenApiContract.Operation operation, int status, MediaTypeHeaderValue? contentType, string body, string? requestJson, List<string> failures)
    {
        var documented = operation.Response(status);
        if (documented is null)
        {
            failures.Add($"status {status} is not documented");
            return;
        }

        if (status is >= 200 and < 300 && requestJson is { Length: > 0 } && operation.RequestSchema("application/json") is { } requestSchema)
        {
            failures.AddRange(contract.Validate(requestSchema, requestJson).Select(f => "request body " + f));
        }

        if (body.Length == 0)
        {
            if (documented["content"] is { } expected && expected.AsObject().Count > 0)
            {
                failures.Add("the body is empty but the document declares content");
            }

            return;
        }

        if (!IsJson(contentType))
        {
            return;
        }

        var mediaType = contentType!.MediaType!;
        var schema = documented["content"]?[mediaType]?["schema"];
        if (schema is null)
        {
            failures.Add($"{mediaType} is not documented for {status} (documented: {string.Join(", ", documented["content"]?.AsObject().Select(c => c.Key) ?? [])})");
            return;
        }

        failures.AddRange(contract.Validate(schema, body));
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));
}
