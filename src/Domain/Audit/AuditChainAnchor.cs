namespace RunnerTokens.Domain.Audit;

/// <summary>
/// A chain position recorded earlier, outside the reach of whoever can write the database (a log line, a
/// checkpoint someone copied): the event at <see cref="Sequence"/> must still have <see cref="Hash"/>.
/// </summary>
public sealed record AuditChainAnchor(long Sequence, string Hash);
