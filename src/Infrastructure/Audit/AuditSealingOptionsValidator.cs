using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.SealAuditTrail;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>Start-up validation of <c>Audit:Sealing</c>: every message names the setting to fix.</summary>
internal sealed class AuditSealingOptionsValidator : IValidateOptions<AuditSealingOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
    public const int MaxBatchesPerRunLimit = 10_000;

    private const string Section = AuditSealingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AuditSealingOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < MinInterval || options.Interval > MaxInterval)
        {
            failures.Add($"{Section}:Interval must be between 00:00:00.100 and 01:00:00.");
        }

        if (options.BatchSize is < 1 or > AuditTrailSealer.MaxBatchSize)
        {
            failures.Add($"{Section}:BatchSize must be between 1 and {AuditTrailSealer.MaxBatchSize}.");
        }

        if (options.MaxBatchesPerRun is < 1 or > MaxBatchesPerRunLimit)
        {
            failures.Add($"{Section}:MaxBatchesPerRun must be between 1 and {MaxBatchesPerRunLimit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
