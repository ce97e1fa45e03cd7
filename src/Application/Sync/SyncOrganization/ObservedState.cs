using System.Diagnostics.CodeAnalysis;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>What observing a runner at GitHub may change, compared before and after to tell whether it did.</summary>
[SuppressMessage("Performance", "CA1815", Justification = "Compared with == only.")]
internal readonly record struct ObservedState(
    RunnerStatus Status, long? GitHubRunnerId, DateTimeOffset? FirstOnlineAt, DateTimeOffset? OfflineSince, DateTimeOffset? LabelDriftDetectedAt)
{
    public static ObservedState Of(Runner r) => new(r.Status, r.GitHubRunnerId, r.FirstOnlineAt, r.OfflineSince, r.LabelDriftDetectedAt);
}
