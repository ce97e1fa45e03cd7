using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Application.Identity;
using RunnerTokens.Application.Identity.ResolvePrincipal;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Identity;

/// <summary>
/// The command through its two paths: machine identities first, then users. The HTTP-level scenarios
/// (binding, bootstrap, provisioning over real tokens) are in the functional tests; these pin the seams.
/// </summary>
public sealed class ResolvePrincipalTests : SqliteHandlerTestBase
{
    private const string Issuer = "https://issuer.test";

    private readonly FakeReplayGuard replayGuard = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ITokenReplayGuard>(replayGuard);

    [Test]
    public async Task A_matching_machine_identity_wins_over_a_user_with_the_same_subject()
    {
        var team = await SeedTeamAsync("team-a");
        var identity = await SeedMachineAsync(team, "deployer", "repo:acme/app", singleUse: false);
        await SeedUserWithSubjectAsync("repo:acme/app");

        var result = await SendAsync(Token("repo:acme/app"));

        result.Value.Kind.ShouldBe(PrincipalKind.Machine);
        result.Value.Id.ShouldBe(identity.Id);
        result.Value.Teams.ShouldHaveSingleItem().ShouldBe(new TeamAccess(team.Id, "team-a", TeamAccessLevel.Machine));
    }

    [Test]
    public async Task A_machine_identity_whose_conditions_fail_leaves_the_token_to_the_user_path_and_is_counted()
    {
        var team = await SeedTeamAsync("team-a");
        await SeedMachineAsync(team, "deployer", "repo:acme/app", singleUse: false, ("ref", "refs/heads/main"));

        var result = await SendAsync(Token("repo:acme/app", ("ref", "refs/heads/dev")));

        result.Error.ShouldBe(PrincipalErrors.Unknown);
        var unknown = (await WithDbAsync(db => db.SecurityEvents.AsNoTracking().ToListAsync())).ShouldHaveSingleItem();
        unknown.Type.ShouldBe("principal.unknown");
        JsonDocument.Parse(unknown.DetailsJson).RootElement.GetProperty("machineIdentityCandidates").GetInt32().ShouldBe(1);
    }

    [Test]
    public async Task A_single_use_machine_token_is_accepted_once()
    {
        var team = await SeedTeamAsync("team-a");
        await SeedMachineAsync(team, "deployer", "repo:acme/app", singleUse: true);
        var token = Token("repo:acme/app") with { TokenId = "jti-1", AcceptableUntil = Start.AddMinutes(5) };

        (await SendAsync(token)).IsSuccess.ShouldBeTrue();
        (await SendAsync(token)).Error.ShouldBe(PrincipalErrors.TokenReplayed);
        (await WithDbAsync(db => db.SecurityEvents.AsNoTracking().Select(e => e.Type).ToListAsync())).ShouldBe(["auth.token_replayed"]);
    }

    [Test]
    public async Task A_known_user_is_resolved_and_last_seen_refreshed_at_most_hourly()
    {
        var user = await SeedUserWithSubjectAsync("alice");
        (await SendAsync(Token("alice"))).IsSuccess.ShouldBeTrue(); // first sign-in records LastSeenAt
        var firstSeen = await LastSeenAsync(user.Id);

        Clock.Advance(TimeSpan.FromMinutes(59));
        var again = await SendAsync(Token("alice"));
        (await LastSeenAsync(user.Id)).ShouldBe(firstSeen);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(Token("alice"));
        (await LastSeenAsync(user.Id)).ShouldBe(Clock.GetUtcNow());

        again.Value.Kind.ShouldBe(PrincipalKind.User);
        again.Value.Id.ShouldBe(user.Id);
        again.Value.IsAdmin.ShouldBeFalse();
    }

    [Test]
    public async Task An_unknown_caller_is_provisioned_only_when_auto_provisioning_is_on()
    {
        (await SendAsync(Token("newcomer"))).Error.ShouldBe(PrincipalErrors.Unknown);

        Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrincipalOptions>>().Value.AutoProvisionUsers = true;
        var provisioned = await SendAsync(Token("newcomer"));

        provisioned.Value.Kind.ShouldBe(PrincipalKind.User);
        // The refused first attempt left a security event, which the audit chain also records (security_event.recorded).
        (await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action != SecurityEvent.AuditAction).Select(e => e.Action).ToListAsync()))
            .ShouldBe(["user.auto_provisioned"]);
    }

    private static ResolvePrincipalCommand Token(string subject, params (string Type, string Value)[] claims) =>
        new(Issuer, subject, Email: null, EmailVerified: null, DisplayName: subject, TokenId: null, AcceptableUntil: null,
            [new("iss", Issuer), new("sub", subject), .. claims.Select(c => new KeyValuePair<string, string>(c.Type, c.Value))]);

    private Task<Domain.Common.Result<CallerPrincipal>> SendAsync(ResolvePrincipalCommand command) => base.SendAsync(command);

    private Task<Team> SeedTeamAsync(string name) =>
        WithDbAsync(async db =>
        {
            var team = Team.Create(name, null, "acme", Clock.GetUtcNow()).Value;
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team;
        });

    private Task<MachineIdentity> SeedMachineAsync(Team team, string name, string subject, bool singleUse, params (string Claim, string Pattern)[] conditions) =>
        WithDbAsync(async db =>
        {
            var identity = MachineIdentity.Create(
                team.Id, name, null, Issuer, subject,
                [.. conditions.Select(c => ClaimCondition.Create(c.Claim, c.Pattern).Value)],
                singleUse, Guid.NewGuid(), Clock.GetUtcNow()).Value;
            db.MachineIdentities.Add(identity);
            await db.SaveChangesAsync();
            return identity;
        });

    private Task<User> SeedUserWithSubjectAsync(string subject) =>
        WithDbAsync(async db =>
        {
            var user = User.Register(Issuer, subject, null, subject, Clock.GetUtcNow()).Value;
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user;
        });

    private Task<DateTimeOffset?> LastSeenAsync(Guid userId) =>
        WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.LastSeenAt).SingleAsync());

    private sealed class FakeReplayGuard : ITokenReplayGuard
    {
        private readonly ConcurrentDictionary<string, bool> seen = new();

        public Task<bool> TryConsumeAsync(string issuer, string tokenId, DateTimeOffset acceptableUntil, CancellationToken cancellationToken) =>
            Task.FromResult(seen.TryAdd(issuer + "\n" + tokenId, true));
    }
}
