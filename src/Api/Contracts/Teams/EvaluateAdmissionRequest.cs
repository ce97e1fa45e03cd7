namespace RunnerTokens.Api.Contracts.Teams;

/// <summary>The runner request to evaluate: the labels asked for (required labels are added anyway) and the runner group, if any.</summary>
public sealed record EvaluateAdmissionRequest(IReadOnlyList<string?>? Labels, long? RunnerGroupId);
