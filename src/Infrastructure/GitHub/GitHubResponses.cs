using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Refit;
using RunnerTokens.Application.Common.GitHub;

namespace RunnerTokens.Infrastructure.GitHub;

/// <summary>Reads GitHub's status codes, error bodies and rate-limit headers into typed failures.</summary>
internal static class GitHubResponses
{
    public const string RateLimitLimitHeader = "x-ratelimit-limit";
    public const string RateLimitRemainingHeader = "x-ratelimit-remaining";
    public const string RateLimitResetHeader = "x-ratelimit-reset";
    public const string RetryAfterHeader = "retry-after";

    /// <summary>GitHub's advice for a secondary limit without <c>retry-after</c>: wait at least a minute.</summary>
    public static readonly TimeSpan SecondaryLimitDefaultWait = TimeSpan.FromMinutes(1);

    /// <summary>The status of a Refit answer (0 when none arrived).</summary>
    public static HttpStatusCode StatusOf(IApiResponse response) => response.StatusCode ?? 0;

    /// <summary>The error body of a non-success Refit answer, if any.</summary>
    public static string? ErrorBodyOf(IApiResponse response) => response.HasResponseError(out var error) ? error.Content : null;

    /// <summary>The failure a non-success Refit answer stands for.</summary>
    public static GitHubFailure Classify(IApiResponse response, DateTimeOffset now, bool conflictMeansNameTaken = false) =>
        response.IsSuccessStatusCode
            ? new GitHubFailure(GitHubFailureKind.Unavailable, "GitHub's answer could not be read.", null, (int)StatusOf(response))
            : Classify(StatusOf(response), response.Headers, ErrorBodyOf(response), now, conflictMeansNameTaken);

    /// <summary>The failure a non-success answer stands for.</summary>
    /// <param name="status">GitHub's status.</param>
    /// <param name="headers">GitHub's headers (rate limits, retry-after).</param>
    /// <param name="body">GitHub's error body, if any.</param>
    /// <param name="now">The current time, for <c>x-ratelimit-reset</c>.</param>
    /// <param name="conflictMeansNameTaken">True for generate-jitconfig, where 409 is a taken runner name.</param>
    public static GitHubFailure Classify(HttpStatusCode status, HttpHeaders? headers, string? body, DateTimeOffset now, bool conflictMeansNameTaken = false)
    {
        var code = (int)status;
        var message = ReadMessage(body) ?? $"GitHub answered {code} {status}.";
        if (code is 403 or 429 && RateLimitWait(headers, now, code == 429 || LooksRateLimited(message)) is { } wait)
        {
            return new GitHubFailure(GitHubFailureKind.RateLimited, message, wait, code);
        }

        return code switch
        {
            401 => new GitHubFailure(GitHubFailureKind.Unauthorized, message, null, code),
            403 => new GitHubFailure(GitHubFailureKind.Forbidden, message, null, code),
            404 => new GitHubFailure(GitHubFailureKind.NotFound, message, null, code),
            409 => new GitHubFailure(conflictMeansNameTaken ? GitHubFailureKind.NameConflict : GitHubFailureKind.Conflict, message, null, code),
            400 or 422 => new GitHubFailure(GitHubFailureKind.Validation, message, null, code),
            408 or >= 500 => new GitHubFailure(GitHubFailureKind.Unavailable, message, RetryAfter(headers, now), code),
            _ => new GitHubFailure(GitHubFailureKind.Validation, message, null, code),
        };
    }

    /// <summary>
    /// How long GitHub asks to wait: <c>retry-after</c> (seconds or HTTP date), else, when
    /// <c>x-ratelimit-remaining</c> is 0, until <c>x-ratelimit-reset</c>. With <paramref name="assumeSecondary"/>
    /// (a 429, or a 403 whose message speaks of a rate limit) a missing hint means one minute.
    /// </summary>
    public static TimeSpan? RateLimitWait(HttpHeaders? headers, DateTimeOffset now, bool assumeSecondary)
    {
        if (RetryAfter(headers, now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (ReadInt(headers, RateLimitRemainingHeader) == 0 && ReadReset(headers) is { } reset)
        {
            var wait = reset - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return assumeSecondary ? SecondaryLimitDefaultWait : null;
    }

    /// <summary>The <c>retry-after</c> header as a wait, or null.</summary>
    public static TimeSpan? RetryAfter(HttpHeaders? headers, DateTimeOffset now)
    {
        var raw = First(headers, RetryAfterHeader);
        if (raw is null)
        {
            return null;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        if (DateTimeOffset.TryParseExact(raw, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>The <c>x-ratelimit-*</c> headers, when all three are present.</summary>
    public static (int Limit, int Remaining, DateTimeOffset ResetAt)? ReadRateLimit(HttpHeaders? headers)
    {
        var limit = ReadInt(headers, RateLimitLimitHeader);
        var remaining = ReadInt(headers, RateLimitRemainingHeader);
        var reset = ReadReset(headers);
        return limit is { } l && remaining is { } r && reset is { } at ? (l, r, at) : null;
    }

    /// <summary>GitHub's <c>message</c>, with its <c>errors</c> list appended when present. Null when unreadable.</summary>
    public static string? ReadMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("message", out var messageElement)
                || messageElement.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = new StringBuilder(messageElement.GetString());
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var details = errors.EnumerateArray().Select(DescribeError).Where(d => d.Length > 0).ToList();
                if (details.Count > 0)
                {
                    text.Append(" (").AppendJoin("; ", details).Append(')');
                }
            }

            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when a <c>Link</c> header announces a next page.</summary>
    public static bool HasNextPage(HttpHeaders? headers) =>
        headers is not null
        && headers.TryGetValues("Link", out var values)
        && values.Any(v => v.Split(',').Any(part => part.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when the <c>Link</c> header is present at all.</summary>
    public static bool HasLinkHeader(HttpHeaders? headers) => headers is not null && headers.Contains("Link");

    private static bool LooksRateLimited(string message) =>
        message.Contains("rate limit", StringComparison.OrdinalIgnoreCase);

    private static string DescribeError(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.String => error.GetString() ?? string.Empty,
        JsonValueKind.Object => string.Join(' ', new[] { "resource", "field", "code", "message" }
            .Select(name => error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            .Where(v => !string.IsNullOrEmpty(v))),
        _ => string.Empty,
    };

    private static DateTimeOffset? ReadReset(HttpHeaders? headers) =>
        long.TryParse(First(headers, RateLimitResetHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    private static int? ReadInt(HttpHeaders? headers, string name) =>
        int.TryParse(First(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? First(HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
