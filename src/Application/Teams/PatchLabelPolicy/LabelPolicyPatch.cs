using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Teams.PatchLabelPolicy;

/// <summary>
/// The fields a policy patch changes; every other field keeps its current value. A list set to null is a
/// validation failure (send <c>[]</c> to empty it), as is a flag set to null; a number set to null means
/// "none" (no default group, unlimited runners), as in the whole policy.
/// </summary>
public sealed record LabelPolicyPatch
{
    public PatchedValue<IReadOnlyList<string>?> RequiredLabels { get; init; }
    public PatchedValue<IReadOnlyList<string>?> AllowedLabelPatterns { get; init; }
    public PatchedValue<IReadOnlyList<long>?> AllowedRunnerGroupIds { get; init; }
    public PatchedValue<long?> DefaultRunnerGroupId { get; init; }
    public PatchedValue<int?> MaxRunners { get; init; }
    public PatchedValue<bool?> AllowRegistrationTokens { get; init; }
    public PatchedValue<bool?> AllowPersistentRunners { get; init; }

    /// <summary>The wire names of the fields set to null that cannot be null.</summary>
    public IReadOnlyList<string> NullFields()
    {
        var fields = new List<string>();
        Add(RequiredLabels.IsSet && RequiredLabels.Value is null, "requiredLabels");
        Add(AllowedLabelPatterns.IsSet && AllowedLabelPatterns.Value is null, "allowedLabelPatterns");
        Add(AllowedRunnerGroupIds.IsSet && AllowedRunnerGroupIds.Value is null, "allowedRunnerGroupIds");
        Add(AllowRegistrationTokens.IsSet && AllowRegistrationTokens.Value is null, "allowRegistrationTokens");
        Add(AllowPersistentRunners.IsSet && AllowPersistentRunners.Value is null, "allowPersistentRunners");
        return fields;

        void Add(bool isNull, string field)
        {
            if (isNull)
            {
                fields.Add(field);
            }
        }
    }

    /// <summary>The current settings with this patch's fields replaced (call only when <see cref="NullFields"/> is empty).</summary>
    public LabelPolicySettings ApplyTo(LabelPolicySettings current) => new(
        RequiredLabels.Or(current.RequiredLabels) ?? current.RequiredLabels,
        AllowedLabelPatterns.Or(current.AllowedLabelPatterns) ?? current.AllowedLabelPatterns,
        AllowedRunnerGroupIds.Or(current.AllowedRunnerGroupIds) ?? current.AllowedRunnerGroupIds,
        DefaultRunnerGroupId.Or(current.DefaultRunnerGroupId),
        MaxRunners.Or(current.MaxRunners),
        AllowRegistrationTokens.Or(current.AllowRegistrationTokens) ?? current.AllowRegistrationTokens,
        AllowPersistentRunners.Or(current.AllowPersistentRunners) ?? current.AllowPersistentRunners);
}
