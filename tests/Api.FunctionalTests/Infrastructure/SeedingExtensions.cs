using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>
/// Puts principals and teams straight into the API's database (no API calls, no audit rows), so a test
/// sets up exactly the world it needs. Seeded users have already "signed in", so their requests write nothing.
/// </summary>
public static class SeedingExtensions
{
    /// <summary>
    /// A user with subject <paramref name="name"/> at <paramref name="issuer"/> (default: Primary) and email
    /// <c>{name}@example.com</c>. Use unique names per test (<see cref="FunctionalTestBase.Unique"/>).
    /// </summary>
    public static async Task<SeededUser> SeedUserAsync(
        this RunnerTokensApiFactory factory,
        string name,
        bool isAdmin = false,
        bool isActive = true,
        TestIssuer? issuer = null)
    {
        issuer ??= factory.Issuers.Primary;
        var email = $"{name}@example.com";
        var displayName = $"Test {name}";
        var now = DateTimeOffset.UtcNow;
        var user = User.Register(issuer.IssuerId, name, email, displayName, now).Value;
        user.RecordSignIn(email, displayName, now);
        if (isAdmin)
        {
            user.GrantAdmin(now);
        }

        if (!isActive)
        {
            user.Deactivate(otherActiveAdmins: int.MaxValue, now);
        }

        await factory.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return new SeededUser(user.Id, issuer, name, email, displayName);
    }

    /// <summary>An active team with its first label policy (<paramref name="policy"/>, default settings if null).</summary>
    public static async Task<Team> SeedTeamAsync(
        this RunnerTokensApiFactory factory, string name, string organization = "acme", LabelPolicySettings? policy = null)
    {
        var now = DateTimeOffset.UtcNow;
        var team = Team.Create(name, $"Team {name}", organization, now).Value;
        var firstPolicy = LabelPolicy.First(team.Id, policy ?? LabelPolicySettings.Default, "test-seed", now).Value;
        await factory.WithDbAsync(async db =>
        {
            db.Teams.Add(team);
            db.LabelPolicies.Add(firstPolicy);
            await db.SaveChangesAsync();
        });
        return team;
    }

    public static Task AddMemberAsync(this RunnerTokensApiFactory factory, Team team, SeededUser user, TeamRole role = TeamRole.Member) =>
        factory.WithDbAsync(async db =>
        {
            db.TeamMemberships.Add(TeamMembership.Create(team.Id, user.Id, role, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// A machine identity of <paramref name="team"/> matching tokens from <paramref name="issuer"/> with
    /// <paramref name="subject"/> and the given claim conditions (claim to exact value or <c>*</c> pattern).
    /// </summary>
    public static async Task<MachineIdentity> SeedMachineIdentityAsync(
        this RunnerTokensApiFactory factory,
        Team team,
        TestIssuer issuer,
        string subject,
        IReadOnlyDictionary<string, string>? conditions = null,
        bool singleUseTokens = false,
        string? name = null)
    {
        var parsed = (conditions ?? new Dictionary<string, string>())
            .Select(c => ClaimCondition.Create(c.Key, c.Value).Value)
            .ToList();
        var identity = MachineIdentity.Create(
            team.Id,
            name ?? $"machine-{Guid.NewGuid():N}"[..20],
            "Seeded by a test",
            issuer.IssuerId,
            subject,
            parsed,
            singleUseTokens,
            createdBy: Guid.Empty,
            DateTimeOffset.UtcNow).Value;
        await factory.WithDbAsync(async db =>
        {
            db.MachineIdentities.Add(identity);
            await db.SaveChangesAsync();
        });
        return identity;
    }
}
