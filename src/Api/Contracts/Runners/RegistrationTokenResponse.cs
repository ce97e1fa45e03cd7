namespace RunnerTokens.Api.Contracts.Runners;

/// <summary>A registration token, returned once and never stored; <see cref="ConfigCommand"/> contains it too.</summary>
public sealed record RegistrationTokenResponse(
    Guid Id,
    string Name,
    string Team,
    string RegistrationToken,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Labels,
    long RunnerGroupId,
    bool Ephemeral,
    string ConfigCommand);
