using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.Commands;
using RunnerTokens.Api.FunctionalTests.Audit;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Common.Auditing;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Api.FunctionalTests.Commands;

/// <summary>
/// The service binary's admin commands (create-admin, verify-audit, export-audit) run against the real
/// composition on SQLite, exactly as <c>Program</c> runs them after building the host.
/// </summary>
public sealed class AdminCommandsTests : FunctionalTestBase
{
    [Test]
    public async Task Create_admin_by_subject_registers_an_administrator_who_can_then_use_the_admin_api()
    {
        var subject = Unique("root");
        var run = await RunAsync("create-admin", "--sub", $"{Issuers.Primary.IssuerId}|{subject}");

        run.Code.ShouldBe(AdminCommand.Succeeded, run.Error);
        run.Output.ShouldStartWith("Created administrator: ");
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Subject == subject));
        user.IsAdmin.ShouldBeTrue();

        var audited = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == "user.created" && e.TargetId == user.Id.ToString()));
        audited.ActorKind.ShouldBe(PrincipalKind.System);
        audited.ActorDisplay.ShouldEndWith(": create-admin");
        audited.UserAgent.ShouldBe("RunnerTokens.Api create-admin");

        var users = await ClientWith(Issuers.Primary.UserToken(subject)).GetAsync("/api/v1/users");
        users.StatusCode.ShouldBe(HttpStatusCode.OK, "the new administrator signs in and uses the admin API");

        var again = await RunAsync("create-admin", "--sub", $"{Issuers.Primary.IssuerId}/|{subject}");
        again.Code.ShouldBe(AdminCommand.Succeeded, again.Error);
        again.Output.ShouldStartWith("Already an administrator: ");
        (await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Subject == subject))).ShouldBe(1);
    }

    [Test]
    public async Task Create_admin_by_email_promotes_and_reactivates_the_existing_user_with_an_audit_event()
    {
        var seeded = await Factory.SeedUserAsync(Unique("dora"), isActive: false);

        var run = await RunAsync("create-admin", "--email", seeded.Email.ToUpperInvariant());

        run.Code.ShouldBe(AdminCommand.Succeeded, run.Error);
        run.Output.ShouldStartWith($"Promoted to administrator: {seeded.Id}");
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == seeded.Id));
        user.IsAdmin.ShouldBeTrue();
        user.IsActive.ShouldBeTrue();
        (await Factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "user.updated" && e.TargetId == seeded.Id.ToString())))
            .ShouldBe(1);
    }

    [Test]
    public async Task Create_admin_by_email_preregisters_a_new_person_bound_at_first_sign_in()
    {
        var email = $"{Unique("erin")}@example.com";

        var run = await RunAsync("create-admin", "--email", email, "--name", "Erin Admin");

        run.Code.ShouldBe(AdminCommand.Succeeded, run.Error);
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        (user.IsAdmin, user.Issuer, user.DisplayName).ShouldBe((true, (string?)null, "Erin Admin"));
    }

    [Test]
    public async Task Create_admin_for_an_untrusted_issuer_is_refused_with_the_use_case_error()
    {
        var run = await RunAsync("create-admin", "--sub", $"https://untrusted.example.com|{Unique("mallory")}");

        run.Code.ShouldBe(AdminCommand.Refused);
        run.Error.ShouldContain("user.issuer_not_trusted");
    }

    [Test]
    public async Task Verify_audit_exits_zero_on_an_intact_chain_and_one_with_the_first_broken_link_after_tampering()
    {
        await RunAsync("create-admin", "--email", $"{Unique("frank")}@example.com");
        await Factory.SealAuditTrailAsync();

        var intact = await RunAsync("verify-audit");
        intact.Code.ShouldBe(AdminCommand.Succeeded, intact.Output + intact.Error);
        intact.Output.ShouldStartWith("Audit trail intact: ");

        var target = await Factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).FirstAsync());
        await ExecuteSqlAsync($"UPDATE AuditEvents SET Action = 'user.deleted' WHERE Sequence = {target.Sequence}");
        try
        {
            var broken = await RunAsync("verify-audit");
            broken.Code.ShouldBe(AdminCommand.Refused);
            broken.Output.ShouldStartWith($"Audit trail BROKEN at sequence {target.Sequence} (event {target.Id}): content_changed.");

            var json = await RunAsync("verify-audit", "--json");
            json.Code.ShouldBe(AdminCommand.Refused);
            using var document = JsonDocument.Parse(json.Output);
            document.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
            document.RootElement.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(target.Sequence!.Value);
        }
        finally
        {
            await ExecuteSqlAsync($"UPDATE AuditEvents SET Action = '{target.Action}' WHERE Sequence = {target.Sequence}");
        }

        (await RunAsync("verify-audit")).Code.ShouldBe(AdminCommand.Succeeded, "the restored row verifies again");
    }

    [Test]
    public async Task Export_audit_streams_every_event_since_a_time_as_a_json_array_or_csv_to_an_owner_only_file()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var marker = Unique("gina");
        for (var i = 0; i < 3; i++)
        {
            (await RunAsync("create-admin", "--email", $"{marker}-{i}@example.com")).Code.ShouldBe(AdminCommand.Succeeded);
        }

        var expected = await Factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.OccurredAt >= since));
        expected.ShouldBeGreaterThanOrEqualTo(3);

        var json = await RunAsync("export-audit", "--format", "json", "--since", since.ToString("O"));
        json.Code.ShouldBe(AdminCommand.Succeeded, json.Error);
        using (var document = JsonDocument.Parse(json.Output))
        {
            document.RootElement.GetArrayLength().ShouldBe(expected);
            var first = document.RootElement[0];
            first.GetProperty("action").GetString().ShouldBe("user.created");
            first.GetProperty("actorKind").GetString().ShouldBe("system", "enums as on the wire");
        }

        json.Error.ShouldContain($"Exported {expected} audit event(s)");

        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.csv");
        try
        {
            var csv = await RunAsync("export-audit", "--format=csv", "--since", since.ToString("O"), "--output", file);
            csv.Code.ShouldBe(AdminCommand.Succeeded, csv.Error);
            csv.Output.ShouldBeEmpty("the export goes to the file");
            var lines = await File.ReadAllLinesAsync(file);
            lines[0].ShouldBe(string.Join(',', ExportAuditCommand.CsvColumns));
            lines.Length.ShouldBe(expected + 1);
            lines[1].ShouldContain(",user.created,user,");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Export_audit_pages_through_a_trail_longer_than_one_page()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i < PageLimits.Max + 50; i++)
            {
                log.Record(new AuditEntry("test.bulk", "test", i.ToString(CultureInfo.InvariantCulture), AuditOutcome.Succeeded,
                    Actor: new AuditActor(PrincipalKind.User, "alice", "Alice, \"the tester\"")));
            }

            await scope.ServiceProvider.GetRequiredService<IAppDbContext>().SaveChangesAsync();
        }

        var csv = await RunAsync("export-audit", "--format", "csv");

        csv.Code.ShouldBe(AdminCommand.Succeeded, csv.Error);
        var total = await Factory.WithDbAsync(db => db.AuditEvents.CountAsync());
        var lines = csv.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(total + 1);
        lines.Skip(1).Select(l => l[..36]).Distinct().Count().ShouldBe(total, "no event twice across page boundaries");
        lines.ShouldContain(l => l.Contains(",alice,\"Alice, \"\"the tester\"\"\",test.bulk,test,", StringComparison.Ordinal));
    }

    [TestCase(new[] { "--urls", "http://127.0.0.1:0" }, null)]
    [TestCase(new[] { "create-admin" }, "create-admin needs --email ADDRESS or --sub ISSUER|SUBJECT")]
    [TestCase(new[] { "create-admin", "--sub", "no-bar" }, "--sub takes ISSUER|SUBJECT")]
    [TestCase(new[] { "create-admin", "--email", "a@example.com", "--admin" }, "create-admin has no option --admin")]
    [TestCase(new[] { "export-audit", "--format", "xml" }, "--format is json or csv")]
    [TestCase(new[] { "export-audit", "--since", "yesterday" }, "--since must be an ISO 8601 date or time")]
    [TestCase(new[] { "verify-audit", "--anchor-sequence", "x" }, "--anchor-sequence must be a whole number")]
    [TestCase(new[] { "verify-audit", "extra" }, "unexpected argument 'extra'")]
    public void The_command_line_names_a_command_or_none_and_explains_a_usage_error(string[] args, string? problem)
    {
        var command = AdminCommandLine.Parse(args);

        if (problem is null)
        {
            command.ShouldBeNull("no admin command: the service starts");
            return;
        }

        command.ShouldBeOfType<UsageErrorCommand>().Problem.ShouldStartWith(problem);
    }

    [Test]
    public void Configuration_overrides_beside_a_command_are_left_to_the_host()
    {
        var command = AdminCommandLine.Parse(["--environment", "Production", "export-audit", "--Database:Provider=Sqlite", "--format", "csv"]);

        command.ShouldBeOfType<ExportAuditCommand>().Format.ShouldBe("csv");
    }

    [Test]
    public async Task A_usage_error_exits_two_with_the_usage_and_does_nothing()
    {
        var run = await RunAsync("create-admin", "--email");

        run.Code.ShouldBe(AdminCommand.UsageError);
        run.Error.ShouldContain("error: --email needs a value");
        run.Error.ShouldContain("Exit codes: 0 success, 1 refused or broken chain, 2 usage error.");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var command = AdminCommandLine.Parse(args).ShouldNotBeNull();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await command.RunAsync(Factory.Services, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Edits the API's SQLite file directly, the way someone with file access would.</summary>
    private async Task ExecuteSqlAsync(string sql)
    {
        var builder = new SqliteConnectionStringBuilder(Factory.EffectiveSettings["ConnectionStrings:RunnerTokens"]) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBe(1, sql);
    }
}
