namespace RunnerTokens.Application.Sync.Common;

/// <summary>The outcome of one organization's sync run (or the last one recorded).</summary>
/// <param name="Skipped">Not run at all: another replica holds the organization's lease.</param>
public sealed record SyncRunDto(
    string Organization,
    DateTimeOffset StartedAt,
    long DurationMilliseconds,
    int? RunnersAtGitHub,
    int Changes,
    int Errors,
    string? LastError,
    int? RateLimitRemaining,
    bool Yielded,
    bool Skipped = false);
