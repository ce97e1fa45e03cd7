namespace RunnerTokens.Application.Audit.SealAuditTrail;

/// <param name="Sealed">Events sealed by this run.</param>
/// <param name="LostRace">Another sealer committed first; this run's current batch was discarded (it retries later).</param>
/// <param name="HeadCorrupt">The chain head has no hash (tampering); nothing is sealed onto it until an operator repairs it.</param>
/// <param name="HeadSequence">Sequence of the chain head after the run, null when the chain is empty.</param>
/// <param name="HeadHash">Hash of the chain head after the run.</param>
public sealed record SealAuditTrailResult(int Sealed, bool LostRace, bool HeadCorrupt, long? HeadSequence, string? HeadHash);
