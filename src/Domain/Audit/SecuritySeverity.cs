namespace RunnerTokens.Domain.Audit;

/// <summary>How urgently a security event deserves a look, from low to critical.</summary>
public enum SecuritySeverity
{
    Low,
    Medium,
    High,
    Critical,
}
