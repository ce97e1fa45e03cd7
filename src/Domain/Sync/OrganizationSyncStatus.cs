using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Sync;

/// <summary>
/// The last sync run of one organization: one row per organization, overwritten by each run, so the admin
/// status endpoint reads one row per organization and the table never grows.
/// </summary>
public sealed class OrganizationSyncStatus : Entity
{
    public const int MaxErrorLength = 2000;

    private OrganizationSyncStatus(Guid id) : base(id) { }

    /// <summary>The organization login, lower-cased (the unique key).</summary>
    public string Organization { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }
    public long DurationMilliseconds { get; private set; }

    /// <summary>How many runners GitHub listed; null when the run yielded or the list failed.</summary>
    public int? RunnersAtGitHub { get; private set; }

    /// <summary>Runners changed (status, id, drift flag, deletion).</summary>
    public int Changes { get; private set; }

    public int Errors { get; private set; }

    /// <summary>The first errors, joined, without secrets; null when the run had none.</summary>
    public string? LastError { get; private set; }

    /// <summary>GitHub's remaining rate limit for the installation after the run, when known.</summary>
    public int? RateLimitRemaining { get; private set; }

    /// <summary>The run skipped the organization because the rate-limit budget is below the reserve.</summary>
    public bool Yielded { get; private set; }

    /// <summary>How many runs were recorded for the organization.</summary>
    public long Runs { get; private set; }

    public static OrganizationSyncStatus Create(string organization, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now)) { Organization = organization.Trim().ToLowerInvariant() };

    public void Record(
        DateTimeOffset startedAt,
        TimeSpan duration,
        int? runnersAtGitHub,
        int changes,
        int errors,
        string? lastError,
        int? rateLimitRemaining,
        bool yielded)
    {
        StartedAt = startedAt;
        DurationMilliseconds = Math.Max(0, (long)duration.TotalMilliseconds);
        RunnersAtGitHub = runnersAtGitHub;
        Changes = changes;
        Errors = errors;
        LastError = lastError is { Length: > MaxErrorLength } ? lastError[..MaxErrorLength] : lastError;
        RateLimitRemaining = rateLimitRemaining;
        Yielded = yielded;
        Runs++;
    }
}
