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
    string ConfigCommand)
{
    /// <summary>Keeps the secret (in <see cref="RegistrationToken"/> and <see cref="ConfigCommand"/>) out of logs and debugger displays.</summary>
    public override string ToString() => $"RegistrationTokenResponse {{ Id = {Id}, Name = {Name}, Team = {Team}, RegistrationToken = ***, ExpiresAt = {ExpiresAt:O}, ConfigCommand = *** }}";
}
