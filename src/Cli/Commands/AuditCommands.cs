using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>audit list|export|verify</c>: the tamper-evident audit trail.</summary>
public static class AuditCommands
{
    /// <summary>The CSV header of <c>audit export --format csv</c>: the same columns as the service's <c>export-audit</c>.</summary>
    public static readonly string[] CsvColumns =
    [
        "id", "occurredAt", "actorKind", "actorId", "actorDisplay", "action", "targetType", "targetId", "teamId", "team",
        "outcome", "correlationId", "clientIp", "userAgent", "sequence", "previousHash", "hash", "sealedAt", "keyId",
        "rejectedAt", "details",
    ];

    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return new Command("audit", "Read, export and verify the audit trail.")
        {
            List(environment),
            Export(environment),
            Verify(environment),
        };
    }

    private static Option<DateTimeOffset?> Since() => new("--since") { Description = "Only events at or after this time (ISO 8601, UTC unless it says otherwise)." };

    private static Option<string?> TeamFilter() => new("--team", "-t") { Description = "Only this team's events (required unless you are an administrator)." };

    private static Command List(CliEnvironment environment)
    {
        var team = TeamFilter();
        var since = Since();
        var action = new Option<string?>("--action") { Description = "Exact action, e.g. runner.jit_provisioned." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List audit events, newest first.") { team, since, action, limit };
        return command.Runs(environment, async (cli, ct) =>
        {
            var events = await cli.Client.ListAllAuditEventsAsync(action: cli.Value(action), team: cli.Value(team), from: cli.Value(since), cancellationToken: ct)
                .Take(Math.Max(cli.Value(limit), 1)).ToListAsync(ct);
            cli.Output.Table(events,
                new Column<AuditEventDto>("Time", e => Renderer.Time(e.OccurredAt)),
                new Column<AuditEventDto>("Actor", e => e.ActorDisplay),
                new Column<AuditEventDto>("Action", e => e.Action),
                new Column<AuditEventDto>("Target", e => $"{e.TargetType}/{e.TargetId}"),
                new Column<AuditEventDto>("Team", e => e.Team),
                new Column<AuditEventDto>("Outcome", e => CliJson.Wire(e.Outcome)),
                new Column<AuditEventDto>("Seq", e => Renderer.Number(e.Sequence)));
            return ExitCodes.Success;
        });
    }

    private static Command Export(CliEnvironment environment)
    {
        var format = new Option<string>("--format") { Description = "json (one array) or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var since = Since();
        var team = TeamFilter();
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file (created readable by you only) instead of standard output." };
        var command = new Command("export", "Stream the audit trail, newest first, page by page (memory stays flat).") { format, since, team, file };
        return command.Runs(environment, async (cli, ct) =>
        {
            var csv = cli.Value(format) == "csv";
            await using var owned = cli.Value(file) is { } path ? OpenOwnerOnly(path.FullName) : null;
            var target = owned ?? cli.Environment.Out;
            var events = cli.Client.ListAllAuditEventsAsync(team: cli.Value(team), from: cli.Value(since), pageSize: 200, cancellationToken: ct);
            var count = await cli.Output.ProgressAsync("Exporting audit events...", async progress =>
            {
                long written = 0;
                await target.WriteLineAsync(csv ? string.Join(',', CsvColumns) : "[");
                await foreach (var e in events)
                {
                    if (csv)
                    {
                        await target.WriteLineAsync(CsvLine(e));
                    }
                    else
                    {
                        await target.WriteAsync(written == 0 ? "  " : ",\n  ");
                        await target.WriteAsync(JsonSerializer.Serialize(e, CliJson.Compact));
                    }

                    if (++written % 200 == 0)
                    {
                        progress($"Exporting audit events... {written}");
                        await target.FlushAsync(ct);
                    }
                }

                if (!csv)
                {
                    await target.WriteLineAsync(written == 0 ? "]" : "\n]");
                }

                await target.FlushAsync(ct);
                return written;
            });
            await cli.Output.Error.WriteLineAsync($"Exported {count} audit event(s){(cli.Value(file) is { } f ? " to " + f.FullName : "")}.");
            return ExitCodes.Success;
        });
    }

    private static Command Verify(CliEnvironment environment)
    {
        var anchorSequence = new Option<long?>("--anchor-sequence") { Description = "With --anchor-hash: a chain position recorded earlier (a checkpoint)." };
        var anchorHash = new Option<string?>("--anchor-hash") { Description = "The hash recorded for --anchor-sequence." };
        var command = new Command("verify", "Verify the audit hash chain (administrators). Exit 0 when intact, 1 with the first broken link.")
        {
            anchorSequence, anchorHash,
        };
        return command.Runs(environment, async (cli, ct) =>
        {
            var result = await cli.Client.VerifyAuditTrailAsync(cli.Value(anchorSequence), cli.Value(anchorHash), ct);
            if (cli.Output.Json)
            {
                cli.Output.WriteJson(result);
            }
            else if (result.Valid)
            {
                cli.Output.Raw($"Audit trail intact: {result.Checked} sealed event(s) verified, head #{result.HeadSequence} {result.HeadHash ?? "-"}.");
                cli.Output.Raw($"Unsealed (not covered yet): {result.Unsealed}; anchors matched: {result.AnchorsMatched ?? 0}.");
            }
            else
            {
                cli.Output.Raw($"Audit trail BROKEN at sequence {Renderer.Number(result.FirstBrokenSequence)} (event {result.FirstBrokenEventId?.ToString() ?? "-"}): {result.Reason}.");
                if (result.Detail is not null)
                {
                    cli.Output.Raw(result.Detail);
                }

                cli.Output.Raw($"Intact before the break: {result.Checked} event(s), up to #{result.HeadSequence}.");
            }

            return result.Valid ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
    }

    /// <summary>One CSV record (RFC 4180). A cell a spreadsheet would run as a formula gets a leading <c>'</c>.</summary>
    public static string CsvLine(AuditEventDto e)
    {
        static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        string?[] cells =
        [
            e.Id.ToString(), Time(e.OccurredAt), CliJson.Wire(e.ActorKind), e.ActorId, e.ActorDisplay, e.Action, e.TargetType, e.TargetId,
            e.TeamId?.ToString(), e.Team, CliJson.Wire(e.Outcome), e.CorrelationId, e.ClientIp, e.UserAgent,
            e.Sequence?.ToString(CultureInfo.InvariantCulture), e.PreviousHash, e.Hash, Time(e.SealedAt), e.KeyId,
            Time(e.RejectedAt), e.Details.ValueKind == JsonValueKind.Undefined ? null : e.Details.GetRawText(),
        ];
        return string.Join(',', cells.Select(Cell));
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static StreamWriter OpenOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
    }
}
