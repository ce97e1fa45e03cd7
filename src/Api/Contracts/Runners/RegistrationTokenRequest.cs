namespace RunnerTokens.Api.Contracts.Runners;

/// <summary>Ask for a registration token for one expected runner (where the team's policy allows it).</summary>
public sealed record RegistrationTokenRequest(
    string? Team,
    string? Name,
    string? NamePrefix,
    IReadOnlyList<string?>? Labels,
    long? RunnerGroupId);
