using System.Net;
using System.Text.Json;
using RunnerTokens.Cli.Commands;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Tests;

/// <summary>What a person and a script see: the exact text of a table, a problem with violations, and --json.</summary>
public sealed class RenderingTests
{
    private static readonly RunnerDto Gpu = Runner(Guid.Parse("01938a6e-0000-7000-8000-000000000001"), "gpu-1a2b3c4d", RunnerStatus.Idle, ["ci", "gpu-a100"]);
    private static readonly RunnerDto Linux = Runner(Guid.Parse("01938a6e-0000-7000-8000-000000000002"), "linux-[x]", RunnerStatus.Pending, ["ci"]);

    private static readonly Column<RunnerDto>[] Columns =
    [
        new("Id", r => r.Id.ToString()),
        new("Name", r => r.Name),
        new("Status", r => CliJson.Wire(r.Status)),
        new("Labels", r => Renderer.List(r.Labels)),
        new("Created", r => Renderer.Time(r.CreatedAt)),
        new("Deleted", r => Renderer.Time(r.DeletedAt)),
    ];

    [Test]
    public void A_table_has_upper_case_headers_and_aligned_columns_and_shows_markup_characters_as_typed()
    {
        var (renderer, output, _) = RendererFor(json: false);

        renderer.Table([Gpu, Linux], Columns);

        output.ToString().ShouldBe(
            """
            ID                                    NAME          STATUS   LABELS       CREATED               DELETED
            01938a6e-0000-7000-8000-000000000001  gpu-1a2b3c4d  idle     ci,gpu-a100  2026-12-07 09:30:00Z  -
            01938a6e-0000-7000-8000-000000000002  linux-[x]     pending  ci           2026-12-07 09:30:00Z  -

            """.ReplaceLineEndings(),
            output.ToString());
    }

    [Test]
    public void An_empty_table_says_none()
    {
        var (renderer, output, _) = RendererFor(json: false);

        renderer.Table(Array.Empty<RunnerDto>(), Columns);

        output.ToString().ShouldBe("(none)" + Environment.NewLine);
    }

    [Test]
    public void With_json_a_table_is_the_rows_as_the_api_writes_them()
    {
        var (renderer, output, _) = RendererFor(json: true);

        renderer.Table([Gpu], Columns);

        using var document = JsonDocument.Parse(output.ToString());
        var row = document.RootElement.EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("id").GetGuid().ShouldBe(Gpu.Id);
        row.GetProperty("status").GetString().ShouldBe("idle");
        row.GetProperty("kind").GetString().ShouldBe("jit");
        row.GetProperty("githubRunnerId").GetInt64().ShouldBe(42);
        row.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["ci", "gpu-a100"]);
        row.GetProperty("deletedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public void A_problem_prints_title_status_code_detail_every_violation_with_its_subject_and_the_trace_id_on_standard_error()
    {
        var (renderer, output, error) = RendererFor(json: false);

        renderer.Problem(LabelsRefused());

        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldBe(
            """
            error: A requested label is not allowed (403 runner.label_not_allowed)
              2 requested label(s) are not allowed by the policy of team ml (version 3).
              - label.not_allowed 'prod': The label is not allowed by the team's policy.
              - label.reserved_by_github 'windows': GitHub adds this label itself.
              - runner.group_not_allowed (runner group 99): The runner group is not allowed.
              - runner.quota_exceeded (2 of 2): The team has as many runners as its quota allows.
              trace id: 4bf92f3577b34da6a3ce929d0e0e4736

            """.ReplaceLineEndings(),
            error.ToString());
    }

    [Test]
    public void A_refusal_that_needs_a_team_role_says_how_to_get_it_with_the_cli()
    {
        var (renderer, _, error) = RendererFor(json: false);

        renderer.Problem(new RunnerTokensProblemException(
            HttpStatusCode.Forbidden, "auth.team_role_required", "Forbidden", "This takes a member or maintainer of the team.", null, [], retryAfter: null, problem: null));

        error.ToString().ShouldBe(
            """
            error: Forbidden (403 auth.team_role_required)
              This takes a member or maintainer of the team.
              hint: a maintainer or an administrator adds you: runnertokens members add TEAM USER-ID --role member (runnertokens whoami shows your id)

            """.ReplaceLineEndings(),
            error.ToString());
    }

    [Test]
    public void With_json_a_problem_is_the_problem_document_on_standard_output()
    {
        var (renderer, output, error) = RendererFor(json: true);

        renderer.Problem(LabelsRefused());

        error.ToString().ShouldBeEmpty();
        using var document = JsonDocument.Parse(output.ToString());
        document.RootElement.GetProperty("errorCode").GetString().ShouldBe("runner.label_not_allowed");
        document.RootElement.GetProperty("status").GetInt32().ShouldBe(403);
        document.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("code").GetString())
            .ShouldBe(["label.not_allowed", "label.reserved_by_github", "runner.group_not_allowed", "runner.quota_exceeded"]);
    }

    [Test]
    public void Fields_are_aligned_name_value_lines_with_a_dash_for_nothing()
    {
        var (renderer, output, _) = RendererFor(json: false);

        renderer.Fields(Gpu, ("Name", Gpu.Name), ("Labels", Renderer.List(Gpu.Labels)), ("Deleted", null));

        output.ToString().ShouldBe(
            """
            Name:    gpu-1a2b3c4d
            Labels:  ci,gpu-a100
            Deleted: -

            """.ReplaceLineEndings());
    }

    [Test]
    public void An_audit_event_becomes_one_csv_record_with_quoting_and_formula_guard()
    {
        var e = new AuditEventDto
        {
            Id = Guid.Parse("01938a6e-0000-7000-8000-00000000000a"),
            OccurredAt = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero),
            ActorKind = PrincipalKind.User,
            ActorId = "alice",
            ActorDisplay = "=HYPERLINK(\"x\")",
            Action = "runner.provisioned",
            TargetType = "runner",
            TargetId = "r-1",
            Outcome = AuditOutcome.Succeeded,
            Details = JsonDocument.Parse("""{"labels":["ci","gpu"]}""").RootElement,
            Sequence = 7,
            TeamId = null,
            Team = null,
            CorrelationId = null,
            ClientIp = null,
            UserAgent = null,
            PreviousHash = null,
            Hash = null,
            SealedAt = null,
            KeyId = null,
            RejectedAt = null,
        };

        AuditCommands.CsvLine(e).ShouldBe(
            "01938a6e-0000-7000-8000-00000000000a,2026-12-07T09:30:00.0000000Z,user,alice,\"'=HYPERLINK(\"\"x\"\")\",runner.provisioned,runner,r-1,,,succeeded,,,,7,,,,,,\"{\"\"labels\"\":[\"\"ci\"\",\"\"gpu\"\"]}\"");
    }

    private static RunnerTokensProblemException LabelsRefused() =>
        new(
            HttpStatusCode.Forbidden,
            "runner.label_not_allowed",
            "A requested label is not allowed",
            "2 requested label(s) are not allowed by the policy of team ml (version 3).",
            "4bf92f3577b34da6a3ce929d0e0e4736",
            [
                new ProblemViolation { Code = "label.not_allowed", Message = "The label is not allowed by the team's policy.", Kind = ProblemViolationKind.Label, Label = "prod" },
                new ProblemViolation { Code = "label.reserved_by_github", Message = "GitHub adds this label itself.", Kind = ProblemViolationKind.Label, Label = "windows" },
                new ProblemViolation { Code = "runner.group_not_allowed", Message = "The runner group is not allowed.", Kind = ProblemViolationKind.RunnerGroup, RunnerGroupId = 99 },
                new ProblemViolation { Code = "runner.quota_exceeded", Message = "The team has as many runners as its quota allows.", Kind = ProblemViolationKind.Quota, Current = 2, Max = 2 },
            ],
            retryAfter: null,
            problem: null);

    private static (Renderer Renderer, StringWriter Output, StringWriter Error) RendererFor(bool json)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, _ => null, CliRun.TemporaryFolder(), Interactive: false, Width: 200);
        return (new Renderer(environment, json), output, error);
    }

    private static RunnerDto Runner(Guid id, string name, RunnerStatus status, IReadOnlyList<string> labels) => new()
    {
        Id = id,
        Name = name,
        Team = "ml",
        Organization = "acme",
        GithubRunnerId = 42,
        Kind = RunnerKind.Jit,
        Labels = labels,
        RequestedLabels = labels,
        RunnerGroupId = 1,
        PolicyVersion = 3,
        Ephemeral = true,
        Status = status,
        ProvisionedBy = "Alice",
        ProvisionedByKind = "user",
        CreatedAt = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero),
        FirstOnlineAt = null,
        TokenExpiresAt = null,
        DeletedAt = null,
        DeletedBy = null,
        DeletionReason = null,
        LabelDriftDetectedAt = null,
    };
}
