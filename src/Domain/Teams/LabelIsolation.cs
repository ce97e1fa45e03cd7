namespace RunnerTokens.Domain.Teams;

/// <summary>
/// Label isolation: a team's required labels are what its workflows target (<c>runs-on</c>), so no other team
/// may put one on its runners, whatever that team's patterns allow. Only active teams of the same GitHub
/// organization reserve labels (labels select runners within one organization); a deactivated team's labels
/// are free again.
/// </summary>
public static class LabelIsolation
{
    /// <summary>
    /// The labels <paramref name="team"/> may not request: the required labels of every other active team of its
    /// organization (compared ignoring case), minus the team's own required labels (a label two teams both
    /// require stays admissible for each: the policies, not the request, decided that).
    /// </summary>
    /// <param name="otherTeams">Teams with their current policies; the team itself and other organizations are skipped.</param>
    public static IReadOnlySet<string> ReservedFor(
        Team team,
        LabelPolicy currentPolicy,
        IEnumerable<(Team Team, LabelPolicy CurrentPolicy)> otherTeams)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(currentPolicy);
        ArgumentNullException.ThrowIfNull(otherTeams);

        var reserved = new HashSet<string>(Labels.Comparer);
        foreach (var (other, policy) in otherTeams)
        {
            if (other.Id == team.Id
                || !other.IsActive
                || policy.TeamId != other.Id
                || !string.Equals(other.Organization, team.Organization, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            reserved.UnionWith(policy.RequiredLabels);
        }

        reserved.ExceptWith(currentPolicy.RequiredLabels);
        return reserved;
    }
}
