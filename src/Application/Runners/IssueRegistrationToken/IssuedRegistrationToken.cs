using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.IssueRegistrationToken;

/// <summary>
/// A registration token for one expected runner. <see cref="RegistrationToken"/> (and so the config command)
/// is a secret returned once; only its fingerprint is stored.
/// </summary>
public sealed record IssuedRegistrationToken(
    RunnerDto Runner,
    string RegistrationToken,
    DateTimeOffset ExpiresAt,
    string ConfigShLine)
{
    public override string ToString() => $"IssuedRegistrationToken {{ Runner = {Runner.Id}, RegistrationToken = ***, ExpiresAt = {ExpiresAt:O} }}";
}
