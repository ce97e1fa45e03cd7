using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Sync;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;
using RunnerTokens.Infrastructure.Coordination;
using RunnerTokens.Infrastructure.Identity;

namespace RunnerTokens.Infrastructure.Tests.Persistence;

/// <summary>
/// One sample per entity type of the model. When you add an entity, add its sample here: the round-trip
/// tests fail with "no round-trip sample for X" until you do.
/// </summary>
internal static class RoundTripSamples
{
    /// <summary>
    /// A time every provider stores exactly: PostgreSQL keeps microseconds, SQLite (DateTimeOffset as binary)
    /// 0.1 ms; whole milliseconds survive both.
    /// </summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private static readonly AuditChainKeyRing ChainKeys = new(new AuditChainKey("test-1", new byte[32]));

    private static readonly Dictionary<Type, Func<RoundTripSample>> Factories = new()
    {
        [typeof(User)] = () => RoundTripSample.Of(NewUser()),
        [typeof(Team)] = () =>
        {
            // Deactivated, so the deactivation columns carry values; IsActive is then false by design.
            var team = NewTeam();
            team.Deactivate("Moved to the platform team", "admin@example.com", Now.AddMinutes(5)).IsSuccess.ShouldBeTrue();
            return RoundTripSample.Of(team)
                .AllowDefault(nameof(Team.IsActive))
                .WithShadow("ProvisioningLock", 3L);
        },
        [typeof(LabelPolicy)] = () =>
        {
            var team = NewTeam();
            var settings = new LabelPolicySettings(["team-a", "big-disk"], ["gpu-.*", "size-(s|m|l)"], [2, 3], 2, 7, AllowRegistrationTokens: true, AllowPersistentRunners: true);
            var policy = LabelPolicy.First(team.Id, settings, "admin@example.com", Now).Value
                .NextVersion(settings with { MaxRunners = 9 }, "admin@example.com", Now.AddMinutes(1)).Value;
            return RoundTripSample.Of(policy).After(team);
        },
        [typeof(TeamMembership)] = () =>
        {
            var team = NewTeam();
            var user = NewUser();
            return RoundTripSample.Of(TeamMembership.Create(team.Id, user.Id, TeamRole.Maintainer, Now)).After(team, user);
        },
        [typeof(AuditEvent)] = () =>
        {
            var audit = AuditEvent.Record(
                Now,
                new AuditActor(PrincipalKind.Machine, "machine-7", "Deploy bot"),
                "user.updated",
                "user",
                Guid.NewGuid().ToString(),
                Guid.NewGuid(),
                AuditOutcome.Denied,
                """{"field":"isAdmin","to":true}""",
                new AuditContext("corr-1", "192.0.2.10", "curl/8.5"),
                ChainKeys.Current);
            audit.Seal(42, new string('a', 64), Now.AddSeconds(1), ChainKeys);

            // A sealed event is never rejected; RejectedAt is read back on every provider by KeyedAuditTrailTests.
            return RoundTripSample.Of(audit).AllowDefault(nameof(AuditEvent.RejectedAt));
        },
        [typeof(AuditCheckpoint)] = () => RoundTripSample.Of(AuditCheckpoint.Create(42, new string('b', 64), Now, ChainKeys.Current)),
        [typeof(SecurityEvent)] = () => RoundTripSample.Of(SecurityEvent.Record(
            "principal.deactivated",
            SecuritySeverity.High,
            new AuditActor(PrincipalKind.Machine, Guid.NewGuid().ToString(), "Mallory's bot"),
            Guid.NewGuid(),
            Guid.NewGuid(),
            """{"issuer":"https://issuer.example"}""",
            Now,
            new AuditContext("corr-2", "2001:db8::1", "agent"))),
        [typeof(Runner)] = () =>
        {
            var team = NewTeam();
            var runner = NewRunner(team.Id);
            runner.CompleteRegistrationToken(new string('f', 64), Now.AddHours(1), Now.AddSeconds(1)).IsSuccess.ShouldBeTrue();
            runner.ObserveAtGitHub(12345, online: true, busy: false, Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
            runner.ObserveAtGitHub(12345, online: false, busy: false, Now.AddMinutes(2)).IsSuccess.ShouldBeTrue();
            runner.FlagLabelDrift(Now.AddMinutes(3));
            runner.Delete(RunnerDeletionReason.LabelDrift, "admin@example.com", Now.AddMinutes(4)).IsSuccess.ShouldBeTrue();
            return RoundTripSample.Of(runner).After(team)
                // Deleting (which fills the deletion columns) releases the live name; RunnerPersistenceTests covers it.
                .AllowDefault(nameof(Runner.LiveNameKey))
                .AllowDefault(nameof(Runner.LiveGitHubRunnerId))
                .WithShadow("Version", 7L);
        },
        [typeof(RunnerJob)] = () =>
        {
            var team = NewTeam();
            var runner = NewRunner(team.Id);
            var job = RunnerJob.Start(runner.Id, 9001, 77, "octo-org/widgets", "ci.yml", "build (linux)", Now.AddMinutes(1));
            job.Complete("success", Now.AddMinutes(9));
            job.RecordEnforcement("cancelled");
            return RoundTripSample.Of(job).After(team, runner);
        },
        [typeof(WebhookDelivery)] = () =>
        {
            var delivery = WebhookDelivery.Receive(Guid.NewGuid().ToString(), "workflow_job", "in_progress", """{"action":"in_progress"}""", Now);
            delivery.MarkApplied("runner busy", Now.AddSeconds(2));
            return RoundTripSample.Of(delivery);
        },
        [typeof(MachineIdentity)] = () =>
        {
            var team = NewTeam();
            var identity = MachineIdentity.Create(
                team.Id,
                "infra-main",
                "Provisions runners for infra",
                "https://token.actions.githubusercontent.com",
                "repo:acme/infra:ref:refs/heads/main",
                [
                    ClaimCondition.Create("repository_owner_id", "123").Value,
                    ClaimCondition.Create("job_workflow_ref", "acme/ci/.github/workflows/runners.yml@*").Value,
                ],
                singleUseTokens: true,
                createdBy: Guid.NewGuid(),
                Now).Value;
            identity.Describe("Changed later", Now.AddMinutes(1));
            return RoundTripSample.Of(identity).After(team);
        },
        [typeof(ConsumedToken)] = () => RoundTripSample.Of(
            new ConsumedToken(TokenReplayGuard.KeyOf("https://issuer.example", Guid.NewGuid().ToString()), Now.AddMinutes(10), Now)),
        [typeof(OrganizationSyncStatus)] = () =>
        {
            var status = OrganizationSyncStatus.Create("Octo-Org", Now);
            status.Record(Now, TimeSpan.FromMilliseconds(1234), 150, 7, 2, "delete-runner: unavailable", 4321, yielded: true);
            return RoundTripSample.Of(status);
        },
        [typeof(UnmanagedRunnerReport)] = () => RoundTripSample.Of(UnmanagedRunnerReport.Create("Octo-Org", 987654321012, Now)),
        [typeof(LeaseRecord)] = () => RoundTripSample.Of(new LeaseRecord
        {
            Name = "runner-sync",
            Holder = "host-1/4242",
            ExpiresAt = Now.AddSeconds(30),
            AcquiredAt = Now,
        }),
        [typeof(DataProtectionKey)] = () => RoundTripSample.Of(new DataProtectionKey
        {
            FriendlyName = "key-7c1d0c4e-5b1f-4a57-9d53-2f4b8b0e6d21",
            Xml = "<key id=\"7c1d0c4e-5b1f-4a57-9d53-2f4b8b0e6d21\" version=\"1\"><creationDate>2026-03-14T15:09:26Z</creationDate></key>",
        }),
    };

    public static IReadOnlyCollection<Type> EntityTypes => Factories.Keys;

    public static RoundTripSample? For(Type entityType) =>
        Factories.TryGetValue(entityType, out var factory) ? factory() : null;

    private static User NewUser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // Pre-registered by email naming its issuer, then bound at first sign-in: every column set.
        var user = User.PreRegisterByEmail($"Alice.{suffix}@Example.com", "https://issuer.example/", "Alice", Now).Value;
        user.BindIdentity("https://issuer.example", $"sub-{suffix}", Now).IsSuccess.ShouldBeTrue();
        user.GrantAdmin(Now.AddMinutes(1));
        user.RecordSignIn(null, null, Now.AddMinutes(2));
        return user;
    }

    private static Team NewTeam() =>
        Team.Create($"team-{Guid.NewGuid():N}"[..20], "Builds the widgets", "octo-org", Now).Value;

    private static Runner NewRunner(Guid teamId) => Runner.Reserve(
        teamId,
        "octo-org",
        $"ci-gpu-{Guid.NewGuid():N}"[..20],
        RunnerKind.RegistrationToken,
        ["gpu"],
        ["team-a", "gpu"],
        runnerGroupId: 7,
        policyVersion: 3,
        ephemeral: true,
        new AuditActor(PrincipalKind.Machine, "machine-1", "CI bot"),
        Now);
}
