using RunnerTokens.Application.Audit.SealAuditTrail;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>The <c>Audit:Sealing</c> configuration section; <see cref="AuditSealingOptionsValidator"/> checks it at start-up.</summary>
public sealed class AuditSealingOptions
{
    public const string SectionName = "Audit:Sealing";

    /// <summary>Run the background sealer in this process (every replica may; see docs/audit-trail.md).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Take the <c>audit-sealer</c> database lease before sealing, so one replica seals at a time. Saves
    /// wasted batches only: correctness does not depend on it (unique sequence index).
    /// </summary>
    public bool UseLease { get; set; } = true;

    /// <summary>Pause between sealing runs; each run drains what is pending, up to <see cref="MaxBatchesPerRun"/>.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events sealed per transaction.</summary>
    public int BatchSize { get; set; } = AuditTrailSealer.DefaultBatchSize;

    public int MaxBatchesPerRun { get; set; } = AuditTrailSealer.DefaultMaxBatches;
}
