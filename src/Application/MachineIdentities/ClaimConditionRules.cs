using FluentValidation;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities;

internal static class ClaimConditionRules
{
    /// <summary>Shape rules for the wire form of claim conditions (claim name to value or pattern).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyDictionary<string, string>?> ValidClaimConditions<T>(
        this IRuleBuilder<T, IReadOnlyDictionary<string, string>?> rule) =>
        rule.Must(c => c is null || c.Count <= MachineIdentity.MaxConditions)
            .WithMessage($"At most {MachineIdentity.MaxConditions} claim conditions are allowed.")
            .Must(c => c is null || c.All(kv => ClaimCondition.Create(kv.Key, kv.Value).IsSuccess))
            .WithMessage($"Each claim name is 1-{ClaimCondition.MaxClaimLength} characters without spaces; each value or pattern 1-{ClaimCondition.MaxPatternLength} characters.");
}
