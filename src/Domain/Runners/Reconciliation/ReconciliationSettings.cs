namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <param name="PendingTimeout">How long a runner may stay pending (JIT: from creation; token: after the token expired).</param>
/// <param name="OfflineTimeout">How long a runner may stay offline before it is deleted at GitHub.</param>
/// <param name="ProvisioningGrace">How long a reservation may wait for GitHub's answer before it counts as abandoned.</param>
/// <param name="DeleteBusyOnDrift">Delete a drifted runner even while it runs a job.</param>
public sealed record ReconciliationSettings(
    TimeSpan PendingTimeout,
    TimeSpan OfflineTimeout,
    TimeSpan ProvisioningGrace,
    bool DeleteBusyOnDrift)
{
    public static readonly ReconciliationSettings Default = new(
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), DeleteBusyOnDrift: false);
}
