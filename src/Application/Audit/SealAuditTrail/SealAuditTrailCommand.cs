using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Audit.SealAuditTrail;

/// <summary>
/// Links unsealed audit events into the hash chain, oldest first, in batches. Background work: run by the
/// sealing service, never exposed over HTTP, so there is no caller to authorize.
/// </summary>
/// <param name="BatchSize">Events sealed and committed per transaction.</param>
/// <param name="MaxBatches">Upper bound per run, so one run cannot monopolise the database.</param>
public sealed record SealAuditTrailCommand(
    int BatchSize = AuditTrailSealer.DefaultBatchSize,
    int MaxBatches = AuditTrailSealer.DefaultMaxBatches) : ICommand<Result<SealAuditTrailResult>>;
