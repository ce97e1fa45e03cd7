namespace RunnerTokens.Api.Contracts.Sync;

/// <summary>One organization's sync run: when, how long, what changed, what failed, the budget left.</summary>
public sealed record SyncRunResponse(
    string Organization,
    DateTimeOffset StartedAt,
    long DurationMilliseconds,
    int? RunnersAtGitHub,
    int Changes,
    int Errors,
    string? LastError,
    int? RateLimitRemaining,
    bool Yielded,
    bool Skipped);
