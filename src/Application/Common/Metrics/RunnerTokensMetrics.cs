using System.Diagnostics.Metrics;

namespace RunnerTokens.Application.Common.Metrics;

/// <summary>The service's domain instruments, all on the "RunnerTokens" meter that /metrics exports.</summary>
public sealed class RunnerTokensMetrics
{
    public const string MeterName = "RunnerTokens";

    private readonly Counter<long> _webhookDeliveries;
    private readonly Histogram<double> _jobQueueTime;
    private readonly Counter<long> _provisioning;
    private readonly Counter<long> _auditSealed;
    private readonly Counter<long> _auditSealConflicts;

    public RunnerTokensMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _webhookDeliveries = meter.CreateCounter<long>(
            "runnertokens.webhook.deliveries", "{delivery}", "Webhook deliveries by event and outcome.");
        _jobQueueTime = meter.CreateHistogram<double>(
            "runnertokens.job.queue_time", "s", "Time a workflow job waited between queued and started on a managed runner.");
        _provisioning = meter.CreateCounter<long>(
            "runnertokens.runner.provisioning", "{request}", "Provisioning requests by kind and outcome.");
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

    public void AuditSealed(int count) => _auditSealed.Add(count);

    public void AuditSealConflict() => _auditSealConflicts.Add(1);
}
