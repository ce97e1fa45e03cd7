using System.Diagnostics.Metrics;

namespace RunnerTokens.Application.Audit;

/// <summary>Counters of the audit trail, on the service's meter.</summary>
public sealed class AuditMetrics
{
    public const string MeterName = "RunnerTokens";

    private readonly Counter<long> _sealed;
    private readonly Counter<long> _sealConflicts;

    public AuditMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _sealed = meter.CreateCounter<long>(
            "runnertokens.audit.sealed", "{event}", "Audit events linked into the hash chain.");
        _sealConflicts = meter.CreateCounter<long>(
            "runnertokens.audit.seal_conflicts", "{batch}", "Sealing batches discarded because another sealer committed first.");
    }

    public void Sealed(int count) => _sealed.Add(count);

    public void SealConflict() => _sealConflicts.Add(1);
}
