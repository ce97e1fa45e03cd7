using System.Net;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace RunnerTokens.Client;

/// <summary>
/// Which failed attempts may be sent again. An idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) is retried after
/// a transport error, a timeout, 408, 429, 502, 503 or 504. Any other (POST, PATCH: provisioning a JIT runner,
/// issuing a registration token) is retried only when the service said it did nothing and when to come back: 429 or
/// 503 with <c>Retry-After</c>, and never a 503 whose problem says GitHub may have acted (<c>ambiguous</c>). A
/// <c>Retry-After</c> longer than <see cref="RunnerTokensClientOptions.MaxRetryAfter"/> is not waited for.
/// </summary>
internal static class SafeRetry
{
    private static readonly HashSet<HttpMethod> Idempotent =
        [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Trace];

    internal static async ValueTask<bool> ShouldRetryAsync(
        Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter, CancellationToken cancellationToken)
    {
        var idempotent = request is not null && Idempotent.Contains(request.Method);
        if (outcome.Exception is not null)
        {
            return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var retryAfter = ProblemResponseHandler.RetryAfterOf(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        if (retryAfter > maxRetryAfter)
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => idempotent || retryAfter is not null,
            HttpStatusCode.ServiceUnavailable => idempotent || (retryAfter is not null && !await IsAmbiguousAsync(response, cancellationToken).ConfigureAwait(false)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    private static async Task<bool> IsAmbiguousAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered: the problem handler reads the body again when this attempt is the last one.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("ambiguous", out var ambiguous)
                || ambiguous.ValueKind != JsonValueKind.False;
        }
        catch (JsonException)
        {
            return true; // Not the service's problem: no promise that nothing happened.
        }
    }
}
