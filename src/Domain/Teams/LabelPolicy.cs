using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Teams;

/// <summary>
/// One version of a team's label policy. Versions are immutable: a change adds the next version and
/// the old ones stay readable, so a runner can record the version that admitted it.
/// </summary>
public sealed class LabelPolicy : Entity
{
    /// <summary>The most runner groups a policy may allow.</summary>
    public const int MaxRunnerGroups = 100;

    /// <summary>GitHub's "Default" runner group in every organization.</summary>
    public const long GitHubDefaultRunnerGroupId = 1;

    private const int MaxEchoedValueLength = 200;

    private LabelPolicy(Guid id) : base(id) { }

    public Guid TeamId { get; private set; }

    /// <summary>1 for a team's first policy, then one more for each change; unique per team.</summary>
    public int Version { get; private set; }
    public IReadOnlyList<string> RequiredLabels { get; private set; } = [];
    public IReadOnlyList<string> AllowedLabelPatterns { get; private set; } = [];
    public IReadOnlyList<long> AllowedRunnerGroupIds { get; private set; } = [];
    public long? DefaultRunnerGroupId { get; private set; }
    public int? MaxRunners { get; private set; }
    public bool AllowRegistrationTokens { get; private set; }
    public bool AllowPersistentRunners { get; private set; }

    /// <summary>Audit id of the principal who saved this version.</summary>
    public string CreatedBy { get; private set; } = string.Empty;
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The group a runner gets when the caller asks for none.</summary>
    public long EffectiveDefaultRunnerGroupId => DefaultRunnerGroupId ?? GitHubDefaultRunnerGroupId;

    public LabelPolicySettings Settings => new(
        RequiredLabels, AllowedLabelPatterns, AllowedRunnerGroupIds, DefaultRunnerGroupId, MaxRunners,
        AllowRegistrationTokens, AllowPersistentRunners);

    /// <summary>A team's first policy (version 1).</summary>
    public static Result<LabelPolicy> First(Guid teamId, LabelPolicySettings settings, string createdBy, DateTimeOffset now) =>
        Create(teamId, 1, settings, createdBy, now);

    /// <summary>The version that follows this one; this version is left as it is.</summary>
    public Result<LabelPolicy> NextVersion(LabelPolicySettings settings, string createdBy, DateTimeOffset now) =>
        Create(TeamId, Version + 1, settings, createdBy, now);

    /// <summary>True when saving these settings would change nothing (lists compared item by item, in order).</summary>
    public bool HasSettings(LabelPolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.RequiredLabels is not null
            && settings.AllowedLabelPatterns is not null
            && settings.AllowedRunnerGroupIds is not null
            && RequiredLabels.SequenceEqual(settings.RequiredLabels, StringComparer.Ordinal)
            && AllowedLabelPatterns.SequenceEqual(settings.AllowedLabelPatterns, StringComparer.Ordinal)
            && AllowedRunnerGroupIds.SequenceEqual(settings.AllowedRunnerGroupIds)
            && DefaultRunnerGroupId == settings.DefaultRunnerGroupId
            && MaxRunners == settings.MaxRunners
            && AllowRegistrationTokens == settings.AllowRegistrationTokens
            && AllowPersistentRunners == settings.AllowPersistentRunners;
    }

    /// <summary>Every reason the settings cannot be saved; empty when they can.</summary>
    public static IReadOnlyList<LabelPolicyViolation> Validate(LabelPolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var violations = new List<LabelPolicyViolation>();
        ValidateRequiredLabels(settings.RequiredLabels, violations);
        ValidatePatterns(settings.AllowedLabelPatterns, violations);
        ValidateRunnerGroups(settings.AllowedRunnerGroupIds, settings.DefaultRunnerGroupId, violations);

        if (settings.MaxRunners is < 0)
        {
            violations.Add(new("maxRunners", "quota.invalid", "maxRunners is 0 or more (0 admits no runner; null is unlimited).", Echo(settings.MaxRunners.Value)));
        }

        return violations;
    }

    private static Result<LabelPolicy> Create(Guid teamId, int version, LabelPolicySettings settings, string createdBy, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var violations = Validate(settings);
        if (violations.Count > 0)
        {
            return TeamErrors.InvalidPolicy(violations);
        }

        return new LabelPolicy(Guid.CreateVersion7(now))
        {
            TeamId = teamId,
            Version = version,
            RequiredLabels = [.. settings.RequiredLabels],
            AllowedLabelPatterns = [.. settings.AllowedLabelPatterns],
            AllowedRunnerGroupIds = [.. settings.AllowedRunnerGroupIds],
            DefaultRunnerGroupId = settings.DefaultRunnerGroupId,
            MaxRunners = settings.MaxRunners,
            AllowRegistrationTokens = settings.AllowRegistrationTokens,
            AllowPersistentRunners = settings.AllowPersistentRunners,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
    }

    private static void ValidateRequiredLabels(IReadOnlyList<string>? labels, List<LabelPolicyViolation> violations)
    {
        if (labels is null)
        {
            violations.Add(new("requiredLabels", "policy.field_required", "requiredLabels is required (it may be empty)."));
            return;
        }

        if (labels.Count > Labels.MaxCount)
        {
            violations.Add(new("requiredLabels", "labels.too_many", $"A policy requires at most {Labels.MaxCount} labels."));
        }

        var seen = new HashSet<string>(Labels.Comparer);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (Labels.Check(label) is { } problem)
            {
                violations.Add(new($"requiredLabels[{i}]", problem.Code(), problem.Describe(), Echo(label)));
            }
            else if (!seen.Add(label))
            {
                violations.Add(new($"requiredLabels[{i}]", "label.duplicate", "The label is already required (labels compare ignoring case).", Echo(label)));
            }
        }
    }

    private static void ValidatePatterns(IReadOnlyList<string>? patterns, List<LabelPolicyViolation> violations)
    {
        if (patterns is null)
        {
            violations.Add(new("allowedLabelPatterns", "policy.field_required", "allowedLabelPatterns is required (it may be empty)."));
            return;
        }

        if (patterns.Count > LabelPatterns.MaxCount)
        {
            violations.Add(new("allowedLabelPatterns", "pattern.too_many", $"A policy has at most {LabelPatterns.MaxCount} patterns."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            if (LabelPatterns.Check(pattern) is { } problem)
            {
                violations.Add(new($"allowedLabelPatterns[{i}]", problem.Code, problem.Message, Echo(pattern)));
            }
            else if (!seen.Add(pattern))
            {
                violations.Add(new($"allowedLabelPatterns[{i}]", "pattern.duplicate", "The pattern is listed twice.", Echo(pattern)));
            }
        }
    }

    private static void ValidateRunnerGroups(IReadOnlyList<long>? groupIds, long? defaultGroupId, List<LabelPolicyViolation> violations)
    {
        if (groupIds is null)
        {
            violations.Add(new("allowedRunnerGroupIds", "policy.field_required", "allowedRunnerGroupIds is required (it may be empty)."));
        }
        else
        {
            if (groupIds.Count > MaxRunnerGroups)
            {
                violations.Add(new("allowedRunnerGroupIds", "runner_group.too_many", $"A policy allows at most {MaxRunnerGroups} runner groups."));
            }

            var seen = new HashSet<long>();
            for (var i = 0; i < groupIds.Count; i++)
            {
                var id = groupIds[i];
                if (id <= 0)
                {
                    violations.Add(new($"allowedRunnerGroupIds[{i}]", "runner_group.invalid", "A runner group id is a positive number.", Echo(id)));
                }
                else if (!seen.Add(id))
                {
                    violations.Add(new($"allowedRunnerGroupIds[{i}]", "runner_group.duplicate", "The runner group is listed twice.", Echo(id)));
                }
            }
        }

        if (defaultGroupId is <= 0)
        {
            violations.Add(new("defaultRunnerGroupId", "runner_group.invalid", "A runner group id is a positive number.", Echo(defaultGroupId.Value)));
        }
    }

    private static string? Echo(string? value) =>
        value is { Length: > MaxEchoedValueLength } ? value[..MaxEchoedValueLength] + "…" : value;

    private static string Echo(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
