namespace RunnerTokens.Domain.Audit;

public enum SecuritySeverity
{
    Low,
    Medium,
    High,
    Critical,
}
