using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.MachineIdentities;

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
