namespace RunnerTokens.Domain.Common;

/// <summary>An expected failure with a stable, dotted code (for example <c>runner.label_not_allowed</c>).</summary>
/// <param name="Code">Stable machine-readable code; clients switch on it, so never rename one.</param>
/// <param name="Message">Human-readable explanation, safe to show to the caller.</param>
/// <param name="Type">The kind of failure, which decides the HTTP status.</param>
public sealed record Error(string Code, string Message, ErrorType Type)
{
    /// <summary>Structured facts about the failure (violations, current and max quota, ...), safe to return.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = EmptyDetails;

    /// <summary>How long the caller should wait before trying again, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }

    private static readonly IReadOnlyDictionary<string, object?> EmptyDetails = new Dictionary<string, object?>();

    public static Error Validation(string code, string message) => new(code, message, ErrorType.Validation);
    public static Error Forbidden(string code, string message) => new(code, message, ErrorType.Forbidden);
    public static Error NotFound(string code, string message) => new(code, message, ErrorType.NotFound);
    public static Error Conflict(string code, string message) => new(code, message, ErrorType.Conflict);
    public static Error PreconditionFailed(string code, string message) => new(code, message, ErrorType.PreconditionFailed);
    public static Error Unauthenticated(string code, string message) => new(code, message, ErrorType.Unauthenticated);
    public static Error Upstream(string code, string message) => new(code, message, ErrorType.Upstream);
    public static Error Unavailable(string code, string message) => new(code, message, ErrorType.Unavailable);
    public static Error RateLimited(string code, string message, TimeSpan? retryAfter) =>
        new(code, message, ErrorType.RateLimited) { RetryAfter = retryAfter };

    public Error WithDetail(string key, object? value)
    {
        var details = new Dictionary<string, object?>(Details) { [key] = value };
        return this with { Details = details };
    }
}
