namespace RunnerTokens.Domain.Audit;

/// <summary>How an audited action ended: it succeeded, was refused (denied), or failed.</summary>
public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}
