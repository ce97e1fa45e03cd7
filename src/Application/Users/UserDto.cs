using System.Linq.Expressions;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Application.Users;

/// <summary>A user of the service: a person identified by issuer and subject, or pre-registered by email until first sign-in.</summary>
/// <param name="Issuer">The token issuer the user signs in with; null until a pre-registered user first signs in.</param>
/// <param name="Subject">The user's subject (<c>sub</c>) at that issuer; null until first sign-in.</param>
/// <param name="LastSeenAt">When the user last called the service (refreshed at most once an hour).</param>
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
