using RunnerTokens.Application.Teams.PatchLabelPolicy;

namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>
/// A JSON merge patch (RFC 7396) of the label policy: only the fields present change. A number set to null
/// means none (no default group, unlimited runners); lists and flags cannot be null (send <c>[]</c> or
/// <c>false</c>).
/// </summary>
public sealed class PatchLabelPolicyRequest
{
    private LabelPolicyPatch _patch = new();

    public IReadOnlyList<string>? RequiredLabels
    {
        get => _patch.RequiredLabels.Value;
        init => _patch = _patch with { RequiredLabels = new(value) };
    }

    public IReadOnlyList<string>? AllowedLabelPatterns
    {
        get => _patch.AllowedLabelPatterns.Value;
        init => _patch = _patch with { AllowedLabelPatterns = new(value) };
    }

    public IReadOnlyList<long>? AllowedRunnerGroupIds
    {
        get => _patch.AllowedRunnerGroupIds.Value;
        init => _patch = _patch with { AllowedRunnerGroupIds = new(value) };
    }

    public long? DefaultRunnerGroupId
    {
        get => _patch.DefaultRunnerGroupId.Value;
        init => _patch = _patch with { DefaultRunnerGroupId = new(value) };
    }

    public int? MaxRunners
    {
        get => _patch.MaxRunners.Value;
        init => _patch = _patch with { MaxRunners = new(value) };
    }

    public bool? AllowRegistrationTokens
    {
        get => _patch.AllowRegistrationTokens.Value;
        init => _patch = _patch with { AllowRegistrationTokens = new(value) };
    }

    public bool? AllowPersistentRunners
    {
        get => _patch.AllowPersistentRunners.Value;
        init => _patch = _patch with { AllowPersistentRunners = new(value) };
    }

    /// <summary>The fields this body set, each with its value (null included).</summary>
    public LabelPolicyPatch ToPatch() => _patch;
}
