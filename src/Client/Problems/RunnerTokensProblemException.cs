using System.Net;

namespace RunnerTokens.Client;

/// <summary>
/// The service refused or failed a request and said why in an RFC 9457 problem. Switch on <see cref="ErrorCode"/>
/// (stable, e.g. <c>runner.label_not_allowed</c>, <c>runner.quota_exceeded</c>, <c>team.not_found</c>); show
/// <see cref="Title"/>, <see cref="Detail"/> and each of <see cref="Violations"/>; quote <see cref="TraceId"/> when
/// reporting it. Thrown for every answer of status 400 or more, by every operation of the client.
/// </summary>
public sealed class RunnerTokensProblemException : Exception
{
    /// <summary>A problem as the service described it.</summary>
    public RunnerTokensProblemException(
        HttpStatusCode status,
        string? errorCode,
        string title,
        string? detail,
        string? traceId,
        IReadOnlyList<ProblemViolation> violations,
        TimeSpan? retryAfter,
        Problem? problem)
        : base(MessageOf((int)status, errorCode, title, detail))
    {
        Status = status;
        ErrorCode = errorCode;
        Title = title;
        Detail = detail;
        TraceId = traceId;
        Violations = violations;
        RetryAfter = retryAfter;
        Problem = problem;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's stable <c>errorCode</c> (the catalogue is <c>Problem.errorCode</c> in the contract); null
    /// when the answer was not a problem of the service (e.g. a proxy's 502 page).</summary>
    public string? ErrorCode { get; }

    /// <summary>A short summary of the problem type.</summary>
    public string Title { get; }

    /// <summary>What went wrong in this occurrence, safe to show.</summary>
    public string? Detail { get; }

    /// <summary>The W3C trace id of the request.</summary>
    public string? TraceId { get; }

    /// <summary>Why a runner was not admitted or a policy is invalid (empty otherwise).</summary>
    public IReadOnlyList<ProblemViolation> Violations { get; }

    /// <summary>How long to wait before trying again (the <c>Retry-After</c> header), when the service said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The whole problem as the contract types it (validation <c>errors</c>, <c>current</c>/<c>max</c> of a quota,
    /// <c>policyVersion</c>, <c>githubStatus</c>, <c>ambiguous</c>...); null when the body was not a problem this client
    /// version can read (the properties above are still set).</summary>
    public Problem? Problem { get; }

    /// <summary>True for refusals the caller can act on (policy, quota, validation, permissions, not found, conflicts:
    /// a 4xx other than 408 and 429), false for failures worth retrying later (429, 5xx, GitHub unavailable).</summary>
    public bool IsRefusal => (int)Status is >= 400 and < 500 && Status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    /// <summary>GitHub may have acted although the call failed (<c>ambiguous</c>): check before trying again.</summary>
    public bool IsAmbiguous => Problem?.Ambiguous == true;

    private static string MessageOf(int status, string? errorCode, string title, string? detail)
    {
        var code = errorCode is null ? $"{status}" : $"{status} {errorCode}";
        return string.IsNullOrWhiteSpace(detail) ? $"{title} ({code})" : $"{title} ({code}): {detail}";
    }
}
