namespace RunnerTokens.Domain.Audit;

/// <summary>Where a request came from, recorded with each audit event.</summary>
public sealed record AuditContext(string? CorrelationId, string? ClientIp, string? UserAgent)
{
    public static readonly AuditContext None = new(null, null, null);
}
