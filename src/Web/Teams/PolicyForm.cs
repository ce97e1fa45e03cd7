using System.Globalization;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Web.Teams;

/// <summary>
/// The label policy editor's fields as the person types them (lists one item per line) and their translation to
/// <see cref="LabelPolicySettings"/>. Only the shape is checked here (a runner group id must be a number); every
/// policy rule is the domain's, reported by the save as violations per field.
/// </summary>
public sealed class PolicyForm
{
    public string RequiredLabels { get; set; } = string.Empty;

    public string AllowedLabelPatterns { get; set; } = string.Empty;

    public string AllowedRunnerGroupIds { get; set; } = string.Empty;

    public long? DefaultRunnerGroupId { get; set; }

    public int? MaxRunners { get; set; }

    public bool AllowRegistrationTokens { get; set; }

    public bool AllowPersistentRunners { get; set; }

    public static PolicyForm From(LabelPolicyDto policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new PolicyForm
        {
            RequiredLabels = string.Join('\n', policy.RequiredLabels),
            AllowedLabelPatterns = string.Join('\n', policy.AllowedLabelPatterns),
            AllowedRunnerGroupIds = string.Join('\n', policy.AllowedRunnerGroupIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
            DefaultRunnerGroupId = policy.DefaultRunnerGroupId,
            MaxRunners = policy.MaxRunners,
            AllowRegistrationTokens = policy.AllowRegistrationTokens,
            AllowPersistentRunners = policy.AllowPersistentRunners,
        };
    }

    /// <summary>The settings to save, or the fields that are not even well-formed (then nothing is sent).</summary>
    public LabelPolicySettings ToSettings(out IReadOnlyList<LabelPolicyViolation> malformed)
    {
        var problems = new List<LabelPolicyViolation>();
        var groups = new List<long>();
        var lines = Lines(AllowedRunnerGroupIds);
        for (var i = 0; i < lines.Count; i++)
        {
            if (long.TryParse(lines[i], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                groups.Add(id);
            }
            else
            {
                problems.Add(new($"allowedRunnerGroupIds[{i}]", "runner_group.invalid", "A runner group id is a whole number.", lines[i]));
            }
        }

        malformed = problems;
        return new LabelPolicySettings(
            Lines(RequiredLabels), Lines(AllowedLabelPatterns), groups, DefaultRunnerGroupId, MaxRunners, AllowRegistrationTokens, AllowPersistentRunners);
    }

    /// <summary>
    /// Violations by field (<c>requiredLabels</c>, <c>allowedLabelPatterns[2]</c> goes under <c>allowedLabelPatterns</c>),
    /// each message naming the line it is about.
    /// </summary>
    public static Dictionary<string, List<string>> ByField(IEnumerable<LabelPolicyViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var violation in violations)
        {
            var bracket = violation.Field.IndexOf('[', StringComparison.Ordinal);
            var field = bracket < 0 ? violation.Field : violation.Field[..bracket];
            var line = bracket < 0 || !int.TryParse(violation.Field[(bracket + 1)..^1], CultureInfo.InvariantCulture, out var index)
                ? null
                : $"Line {index + 1}{(violation.Value is null ? string.Empty : $" ({violation.Value})")}: ";
            if (!byField.TryGetValue(field, out var messages))
            {
                byField[field] = messages = [];
            }

            messages.Add(line + violation.Message);
        }

        return byField;
    }

    /// <summary>Non-blank lines, trimmed, in order (one item per line: patterns may contain commas).</summary>
    private static List<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
