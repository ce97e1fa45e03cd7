using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>
/// The runner groups the service manages in an organization: every group some team's current policy allows
/// (its allowed groups and its default group). GitHub's Default group (id 1) holds runners the organization had
/// before the service, so it is managed only when configured (<c>Sync:ManageDefaultGroup</c>). In a managed
/// group, every runner must be claimed by a live row of the service; any other is unmanaged.
/// </summary>
public static class ManagedRunnerGroups
{
    public static IReadOnlySet<long> Of(IEnumerable<LabelPolicy> currentPolicies, bool includeGitHubDefaultGroup)
    {
        ArgumentNullException.ThrowIfNull(currentPolicies);
        var groups = new HashSet<long>();
        foreach (var policy in currentPolicies)
        {
            groups.UnionWith(policy.AllowedRunnerGroupIds);
            groups.Add(policy.EffectiveDefaultRunnerGroupId);
        }

        if (!includeGitHubDefaultGroup)
        {
            groups.Remove(LabelPolicy.GitHubDefaultRunnerGroupId);
        }

        return groups;
    }
}
