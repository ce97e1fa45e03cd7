namespace RunnerTokens.Domain.Audit;

public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}
