using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Application.Audit;

/// <summary>
/// The wire names of audit enums in filters. Parsed by name only (never numbers, which
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would accept), case-insensitively.
/// </summary>
public static class AuditFilterValues
{
    public static bool TryParseOutcome(string? text, out AuditOutcome outcome)
    {
        (var ok, outcome) = text?.Trim().ToUpperInvariant() switch
        {
            "SUCCEEDED" => (true, AuditOutcome.Succeeded),
            "DENIED" => (true, AuditOutcome.Denied),
            "FAILED" => (true, AuditOutcome.Failed),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseSeverity(string? text, out SecuritySeverity severity)
    {
        (var ok, severity) = text?.Trim().ToUpperInvariant() switch
        {
            "LOW" => (true, SecuritySeverity.Low),
            "MEDIUM" => (true, SecuritySeverity.Medium),
            "HIGH" => (true, SecuritySeverity.High),
            "CRITICAL" => (true, SecuritySeverity.Critical),
            _ => (false, default),
        };
        return ok;
    }
}
