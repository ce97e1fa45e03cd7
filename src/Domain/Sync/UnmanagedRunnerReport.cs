using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Sync;

/// <summary>
/// The sync's memory that it has reported one unmanaged runner (security event <c>runner.unmanaged</c>): a runner
/// at GitHub, in a managed runner group, that no live row claims. Written in the same save as the event, so the
/// event is recorded once per runner, across restarts and replicas (the unique (organization, GitHub id) key lets
/// one writer win), and removed when the runner goes away or a row claims it, so a later return is reported again.
/// </summary>
public sealed class UnmanagedRunnerReport : Entity
{
    private UnmanagedRunnerReport(Guid id) : base(id) { }

    /// <summary>The organization login, lower-cased.</summary>
    public string Organization { get; private set; } = string.Empty;

    public long GitHubRunnerId { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public static UnmanagedRunnerReport Create(string organization, long gitHubRunnerId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now))
        {
            Organization = Key(organization),
            GitHubRunnerId = gitHubRunnerId,
            ReportedAt = now,
        };

    /// <summary>How an organization login is stored here.</summary>
    public static string Key(string organization) => organization.Trim().ToLowerInvariant();
}
