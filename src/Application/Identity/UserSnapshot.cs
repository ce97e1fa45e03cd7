using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Identity;

/// <summary>What the audit trail records of a user before and after a change (no secrets in a user).</summary>
public sealed record UserSnapshot(
    Guid Id,
    string? Issuer,
    string? Subject,
    string? Email,
    string? EmailIssuer,
    string DisplayName,
    bool IsAdmin,
    bool IsActive)
{
    public static UserSnapshot Of(User user) =>
        new(user.Id, user.Issuer, user.Subject, user.Email, user.EmailIssuer, user.DisplayName, user.IsAdmin, user.IsActive);
}
