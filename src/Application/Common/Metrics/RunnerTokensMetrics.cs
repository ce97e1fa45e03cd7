using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RunnerTokens.Application.Common.Metrics;

/// <summary>The service's domain instruments, all on the "RunnerTokens" meter that /metrics exports.</summary>
public sealed class RunnerTokensMetrics
{
    public const string MeterName = "RunnerTokens";

    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _jobQueueTime;
    private readonly Counter<long> _provisioning;
    private readonly Histogram<double> _syncDuration;
    private readonly Counter<long> _syncChanges;
    private readonly Counter<long> _syncRuns;

    // Runner counts per organization, replaced by each sync of that organization: a scrape reads this cache
    // and never queries the database.
    private readonly ConcurrentDictionary<string, IReadOnlyList<RunnerCount>> _runnerCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Counter<long> _auditSealed;
    private readonly Counter<long> _auditSealConflicts;

    public RunnerTokensMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _webhookDeliveries = meter.CreateCounter<long>(
            "runnertokens.webhook.deliveries", "{delivery}", "Webhook deliveries by event and outcome.");
        _jobQueueTime = meter.CreateHistogram<double>(
            "runnertokens.job.queue_time", "s", "Time a workflow job waited between queued and started on a managed runner.");
        _provisioning = meter.CreateCounter<long>(
            "runnertokens.runner.provisioning", "{request}", "Provisioning requests by kind and outcome.");
        _syncDuration = meter.CreateHistogram<double>(
            "runnertokens.sync.duration", "s", "Duration of one organization's sync run, by outcome.");
        _syncChanges = meter.CreateCounter<long>(
            "runnertokens.sync.changes", "{change}", "Runner changes made by the sync, by kind.");
        _syncRuns = meter.CreateCounter<long>(
            "runnertokens.sync.runs", "{run}", "Sync runs by organization and outcome (ok, errors, yielded, failed).");
        meter.CreateObservableGauge(
            "runnertokens.runners", ObserveRunnerCounts, "{runner}", "Live runners by organization, team and status, as of the last sync.");
        _auditSealed = meter.CreateCounter<long>(
            "runnertokens.audit.sealed", "{event}", "Audit events linked into the hash chain.");
        _auditSealConflicts = meter.CreateCounter<long>(
            "runnertokens.audit.seal_conflicts", "{batch}", "Audit sealing batches discarded because another sealer committed first.");
    }

    public void WebhookDelivery(string @event, string outcome) =>
        _webhookDeliveries.Add(1, new("event", @event), new("outcome", outcome));

    public void JobQueued(TimeSpan waited, string organization) =>
        _jobQueueTime.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("organization", organization));

    public void Provisioning(string kind, string outcome) =>
        _provisioning.Add(1, new("kind", kind), new("outcome", outcome));

    public void SyncRun(string organization, string outcome, TimeSpan duration)
    {
        _syncDuration.Record(duration.TotalSeconds, new("organization", organization), new("outcome", outcome));
        _syncRuns.Add(1, new("organization", organization), new("outcome", outcome));
    }

    public void SyncChange(string organization, string change) =>
        _syncChanges.Add(1, new("organization", organization), new("change", change));

    /// <summary>Replaces the cached runner counts of one organization (called by the sync).</summary>
    public void SetRunnerCounts(string organization, IReadOnlyList<RunnerCount> counts) =>
        _runnerCounts[organization.Trim().ToLowerInvariant()] = counts;

    /// <summary>The cached counts, for tests and diagnostics.</summary>
    public IReadOnlyList<RunnerCount> RunnerCounts(string organization) =>
        _runnerCounts.TryGetValue(organization.Trim().ToLowerInvariant(), out var counts) ? counts : [];

    private IEnumerable<Measurement<long>> ObserveRunnerCounts()
    {
        foreach (var (organization, counts) in _runnerCounts)
        {
            foreach (var count in counts)
            {
                yield return new Measurement<long>(
                    count.Count,
                    new("organization", organization),
                    new("team", count.Team),
                    new("status", count.Status));
            }
        }
    }
    public void AuditSealed(int count) => _auditSealed.Add(count);

    public void AuditSealConflict() => _auditSealConflicts.Add(1);
}
