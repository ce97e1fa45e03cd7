using System.Globalization;
using RunnerTokens.Application.Teams.Common;

namespace RunnerTokens.Web.Teams;

/// <summary>How one policy field differs between two versions.</summary>
public enum PolicyChangeKind
{
    Added,
    Removed,
    Changed,
    Reordered,
}

/// <summary>One difference: an item added to or removed from a list, a value changed, or a list reordered.</summary>
/// <param name="Field">The policy field, as the API names it (<c>requiredLabels</c>, <c>maxRunners</c>...).</param>
public sealed record PolicyChange(string Field, PolicyChangeKind Kind, string? Before, string? After);

/// <summary>The differences between two label policy versions (from <see cref="From"/> to <see cref="To"/>).</summary>
public sealed record PolicyDiff(LabelPolicyDto From, LabelPolicyDto To, IReadOnlyList<PolicyChange> Changes)
{
    /// <summary>Lists compare item by item (labels ignoring case, as the policy does); order matters for required labels.</summary>
    public static PolicyDiff Between(LabelPolicyDto from, LabelPolicyDto to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var changes = new List<PolicyChange>();
        CompareLists(changes, "requiredLabels", from.RequiredLabels, to.RequiredLabels, StringComparer.OrdinalIgnoreCase, orderMatters: true);
        CompareLists(changes, "allowedLabelPatterns", from.AllowedLabelPatterns, to.AllowedLabelPatterns, StringComparer.Ordinal, orderMatters: false);
        CompareLists(
            changes,
            "allowedRunnerGroupIds",
            [.. from.AllowedRunnerGroupIds.Select(Format)],
            [.. to.AllowedRunnerGroupIds.Select(Format)],
            StringComparer.Ordinal,
            orderMatters: false);
        CompareValue(changes, "defaultRunnerGroupId", from.DefaultRunnerGroupId is { } a ? Format(a) : "GitHub's default (1)", to.DefaultRunnerGroupId is { } b ? Format(b) : "GitHub's default (1)");
        CompareValue(changes, "maxRunners", Quota(from.MaxRunners), Quota(to.MaxRunners));
        CompareValue(changes, "allowRegistrationTokens", YesNo(from.AllowRegistrationTokens), YesNo(to.AllowRegistrationTokens));
        CompareValue(changes, "allowPersistentRunners", YesNo(from.AllowPersistentRunners), YesNo(to.AllowPersistentRunners));
        return new PolicyDiff(from, to, changes);
    }

    public static string Quota(int? maxRunners) => maxRunners?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CompareLists(
        List<PolicyChange> changes, string field, IReadOnlyList<string> before, IReadOnlyList<string> after, StringComparer comparer, bool orderMatters)
    {
        var removed = before.Where(item => !after.Contains(item, comparer)).ToList();
        var added = after.Where(item => !before.Contains(item, comparer)).ToList();
        changes.AddRange(removed.Select(item => new PolicyChange(field, PolicyChangeKind.Removed, item, null)));
        changes.AddRange(added.Select(item => new PolicyChange(field, PolicyChangeKind.Added, null, item)));
        var kept = before.Where(item => after.Contains(item, comparer)).ToList();
        var keptAfter = after.Where(item => before.Contains(item, comparer)).ToList();
        if (orderMatters && !kept.SequenceEqual(keptAfter, comparer))
        {
            changes.Add(new PolicyChange(field, PolicyChangeKind.Reordered, string.Join(", ", before), string.Join(", ", after)));
        }
        else if (removed.Count == 0 && added.Count == 0 && !before.SequenceEqual(after, StringComparer.Ordinal) && orderMatters)
        {
            // Same labels ignoring case, different spelling: still a saved change.
            changes.Add(new PolicyChange(field, PolicyChangeKind.Changed, string.Join(", ", before), string.Join(", ", after)));
        }
    }

    private static void CompareValue(List<PolicyChange> changes, string field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new PolicyChange(field, PolicyChangeKind.Changed, before, after));
        }
    }
}
