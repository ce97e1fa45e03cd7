using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities;

/// <summary>A machine identity: tokens of this issuer and subject whose claims meet the conditions act for the team.</summary>
/// <param name="Issuer">The token issuer (<c>iss</c>) that must have signed the token.</param>
/// <param name="Subject">The token subject (<c>sub</c>), exact.</param>
/// <param name="SingleUseTokens">When true, each token (by <c>jti</c>) is accepted once.</param>
/// <param name="CreatedBy">The id of the principal who created it.</param>
/// <param name="ClaimConditions">Claim name to exact value, or to a pattern with <c>*</c> wildcards.</param>
public sealed record MachineIdentityDto(
    Guid Id,
    Guid TeamId,
    string Team,
    string Name,
    string Description,
    string Issuer,
    string Subject,
    IReadOnlyDictionary<string, string> ClaimConditions,
    bool SingleUseTokens,
    bool IsActive,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MachineIdentityDto From(MachineIdentity identity, string teamName) => new(
        identity.Id,
        identity.TeamId,
        teamName,
        identity.Name,
        identity.Description,
        identity.Issuer,
        identity.Subject,
        identity.ClaimConditions.ToDictionary(c => c.Claim, c => c.Pattern, StringComparer.Ordinal),
        identity.SingleUseTokens,
        identity.IsActive,
        identity.CreatedBy,
        identity.CreatedAt,
        identity.UpdatedAt);
}
