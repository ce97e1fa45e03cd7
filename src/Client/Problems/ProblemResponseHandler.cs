using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RunnerTokens.Client;

/// <summary>
/// Turns every answer of status 400 or more into a <see cref="RunnerTokensProblemException"/>, so all operations
/// fail one way whatever the contract lists for them. It sits outside the retry handler: only the last attempt's
/// answer becomes an exception.
/// </summary>
internal sealed class ProblemResponseHandler : DelegatingHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode < 400)
        {
            return response;
        }

        using (response)
        {
            throw await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<RunnerTokensProblemException> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        var fallbackTitle = response.ReasonPhrase is { Length: > 0 } reason ? reason : response.StatusCode.ToString();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new RunnerTokensProblemException(response.StatusCode, null, fallbackTitle, null, null, [], retryAfter, null);
        }

        JsonDocument document;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return new RunnerTokensProblemException(response.StatusCode, null, fallbackTitle, null, null, [], retryAfter, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new RunnerTokensProblemException(response.StatusCode, null, fallbackTitle, null, null, [], retryAfter, null);
            }

            // Read field by field first: a code or violation kind newer than this client must not hide the problem.
            var problem = TryDeserialize<Problem>(root);
            var violations = problem?.Violations
                ?? (root.TryGetProperty("violations", out var list) ? TryDeserialize<List<ProblemViolation>>(list) : null)
                ?? [];
            return new RunnerTokensProblemException(
                response.StatusCode,
                StringOf(root, "errorCode"),
                StringOf(root, "title") ?? fallbackTitle,
                StringOf(root, "detail"),
                StringOf(root, "traceId"),
                violations,
                retryAfter,
                problem);
        }
    }

    internal static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static T? TryDeserialize<T>(JsonElement element)
        where T : class
    {
        try
        {
            return element.Deserialize<T>(Json);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
