using RunnerTokens.Domain.Runners.Reconciliation;

namespace RunnerTokens.Application.Sync.Common;

/// <summary>The <c>Sync</c> configuration section (documented in docs/configuration.md).</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary><c>Sync:Enabled</c>: run the background sync worker (the admin endpoint works either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Sync:Interval</c>: time between two syncs of an organization.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>Sync:LeaseDuration</c>: how long a replica's claim on an organization lasts without renewal. Unset: twice
    /// the interval (plus 30 s), so a holder renewing every interval never loses it and a crashed holder's claim
    /// lapses within about two intervals.
    /// </summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary><c>Sync:PendingTimeout</c>: a JIT runner never seen online (or a token runner past its token's expiry) is removed after this.</summary>
    public TimeSpan PendingTimeout { get; set; } = ReconciliationSettings.Default.PendingTimeout;

    /// <summary><c>Sync:OfflineTimeout</c>: a runner offline longer than this is removed at GitHub.</summary>
    public TimeSpan OfflineTimeout { get; set; } = ReconciliationSettings.Default.OfflineTimeout;

    /// <summary><c>Sync:ProvisioningGrace</c>: a reservation left in Provisioning longer than this is cleaned up.</summary>
    public TimeSpan ProvisioningGrace { get; set; } = ReconciliationSettings.Default.ProvisioningGrace;

    /// <summary><c>Sync:DeleteBusyOnDrift</c>: remove a drifted runner even while it runs a job (its run is cancelled first).</summary>
    public bool DeleteBusyOnDrift { get; set; }

    public TimeSpan EffectiveLeaseDuration => LeaseDuration ?? (Interval * 2) + TimeSpan.FromSeconds(30);

    public ReconciliationSettings ToSettings() => new(PendingTimeout, OfflineTimeout, ProvisioningGrace, DeleteBusyOnDrift);

    /// <summary>The lease that lets one replica sync <paramref name="organization"/>.</summary>
    public static string LeaseName(string organization) => "sync:" + organization.Trim().ToLowerInvariant();
}
