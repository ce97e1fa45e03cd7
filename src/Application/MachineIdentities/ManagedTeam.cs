using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities;

/// <summary>Shared by the machine-identity use cases, which act on a team found with <c>FindManagedTeamAsync</c>.</summary>
internal static class ManagedTeam
{
    /// <summary>Wire conditions (claim name to value or pattern) as domain conditions, or the first invalid one.</summary>
    public static Result<IReadOnlyCollection<ClaimCondition>> ParseConditions(IReadOnlyDictionary<string, string>? conditions)
    {
        var parsed = new List<ClaimCondition>();
        foreach (var (claim, pattern) in conditions ?? new Dictionary<string, string>())
        {
            var condition = ClaimCondition.Create(claim, pattern);
            if (condition.IsFailure)
            {
                return condition.Error;
            }

            parsed.Add(condition.Value);
        }

        return parsed;
    }
}
