using System.Linq.Expressions;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users;

/// <param name="EmailIssuer">For a user pre-registered by email: the one issuer whose verified email may bind it (null: any issuer with <c>TrustEmail</c>).</param>
public sealed record UserDto(
    Guid Id,
    string? Issuer,
    string? Subject,
    string? Email,
    string? EmailIssuer,
    string DisplayName,
    bool IsAdmin,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastSeenAt)
{
    /// <summary>Projection usable inside EF queries.</summary>
    public static readonly Expression<Func<User, UserDto>> Projection = u =>
        new UserDto(u.Id, u.Issuer, u.Subject, u.Email, u.EmailIssuer, u.DisplayName, u.IsAdmin, u.IsActive, u.CreatedAt, u.UpdatedAt, u.LastSeenAt);

    private static readonly Func<User, UserDto> Compiled = Projection.Compile();

    public static UserDto From(User user) => Compiled(user);
}
