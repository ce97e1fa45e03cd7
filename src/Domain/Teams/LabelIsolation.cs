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

        return ReservedFromRequired(
            currentPolicy,
            otherTeams
                .Where(o => o.Team.Id != team.Id
                    && o.Team.IsActive
                    && o.CurrentPolicy.TeamId == o.Team.Id
                    && string.Equals(o.Team.Organization, team.Organization, StringComparison.OrdinalIgnoreCase))
                .Select(o => o.CurrentPolicy.RequiredLabels));
    }

    /// <summary>
    /// <see cref="ReservedFor"/> when the caller has already selected the current required labels of the other active teams of
    /// the organization (a query that reads only that column).
    /// </summary>
    public static IReadOnlySet<string> ReservedFromRequired(LabelPolicy currentPolicy, IEnumerable<IReadOnlyCollection<string>> requiredByOtherActiveTeams)
    {
        ArgumentNullException.ThrowIfNull(currentPolicy);
        ArgumentNullException.ThrowIfNull(requiredByOtherActiveTeams);

        var reserved = new HashSet<string>(Labels.Comparer);
        foreach (var required in requiredByOtherActiveTeams)
        {
            reserved.UnionWith(required);
        }

        reserved.ExceptWith(currentPolicy.RequiredLabels);
        return reserved;
    }
}
