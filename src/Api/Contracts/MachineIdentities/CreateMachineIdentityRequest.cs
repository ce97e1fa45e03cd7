namespace RunnerTokens.Api.Contracts.MachineIdentities;

/// <param name="Issuer">The token's exact <c>iss</c>; one of the configured issuers.</param>
/// <param name="Subject">The token's exact <c>sub</c> (client id, <c>repo:acme/infra:ref:refs/heads/main</c>, ...).</param>
/// <param name="ClaimConditions">Claim name to exact value, or to a pattern where <c>*</c> matches any run of characters; all must hold.</param>
/// <param name="SingleUseTokens">Accept each token (by <c>jti</c>) once.</param>
public sealed record CreateMachineIdentityRequest(
    string? Name,
    string? Description,
    string? Issuer,
    string? Subject,
    Dictionary<string, string>? ClaimConditions,
    bool? SingleUseTokens);
