using RunnerTokens.Domain.Runners.Reconciliation;

namespace RunnerTokens.Application.Sync.SyncOrganization;

/// <summary>How a drift is named in the security event the sync records.</summary>
internal static class SyncDriftEvent
{
    /// <summary><c>runner.label_drift</c> whenever the labels drifted (as before), else the group or flag event.</summary>
    public static string Type(RunnerDrift drift) =>
        drift.HasFlag(RunnerDrift.Labels) || drift == RunnerDrift.None ? "runner.label_drift"
        : drift.HasFlag(RunnerDrift.RunnerGroup) ? "runner.group_drift"
        : "runner.ephemeral_drift";

    public static string[] Names(RunnerDrift drift) =>
    [
        .. drift.HasFlag(RunnerDrift.Labels) ? ["labels"] : Array.Empty<string>(),
        .. drift.HasFlag(RunnerDrift.RunnerGroup) ? ["runner_group"] : Array.Empty<string>(),
        .. drift.HasFlag(RunnerDrift.Ephemeral) ? ["ephemeral"] : Array.Empty<string>(),
    ];
}
