using Microsoft.Extensions.Options;
using RunnerTokens.Application.Sync.Common;

namespace RunnerTokens.Infrastructure.Sync;

/// <summary>Start-up validation of <c>Sync</c>: every message names the setting to fix.</summary>
internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    private const string Section = SyncOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Interval must be positive.");
        }
        else if (options.EffectiveLeaseDuration <= options.Interval)
        {
            failures.Add($"{Section}:LeaseDuration must be longer than {Section}:Interval.");
        }

        if (options.PendingTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:PendingTimeout must be positive.");
        }

        if (options.OfflineTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:OfflineTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
