using System.Globalization;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.ListAuditEvents;
using RunnerTokens.Application.Common.Paging;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// <c>export-audit [--format json|csv] [--since TIME] [--output FILE]</c>: streams the audit trail, newest first,
/// page by page through <see cref="ListAuditEventsQuery"/> (each page in its own scope, so memory stays bounded
/// whatever the size of the trail). JSON is one array of the API's event objects; CSV has <see cref="CsvColumns"/>.
/// A file is created readable by its owner only (the trail names people and addresses).
/// </summary>
public sealed class ExportAuditCommand : AdminCommand
{
    /// <summary>The CSV header, in order; <c>details</c> is the event's details as compact JSON.</summary>
    public static readonly string[] CsvColumns =
    [
        "id", "occurredAt", "actorKind", "actorId", "actorDisplay", "action", "targetType", "targetId", "teamId", "team",
        "outcome", "correlationId", "clientIp", "userAgent", "sequence", "previousHash", "hash", "sealedAt", "keyId",
        "rejectedAt", "details",
    ];

    private ExportAuditCommand(string format, DateTimeOffset? since, string? outputPath)
    {
        Format = format;
        Since = since;
        OutputPath = outputPath;
    }

    public override string Name => "export-audit";

    /// <summary><c>json</c> or <c>csv</c>.</summary>
    public string Format { get; }

    public DateTimeOffset? Since { get; }

    public string? OutputPath { get; }

    public static ExportAuditCommand From(CommandOptions options)
    {
        var format = (options.Text("format") ?? "json").ToLowerInvariant();
        if (format is not ("json" or "csv"))
        {
            throw new FormatException("--format is json or csv");
        }

        var command = new ExportAuditCommand(format, options.Time("since"), options.Text("output"));
        options.RejectUnknown();
        return command;
    }

    protected override async Task<int> ExecuteAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await using var file = OutputPath is null ? null : OpenOwnerOnly(OutputPath);
        var target = file ?? output;
        var exported = 0L;
        string? cursor = null;
        await target.WriteLineAsync(Format == "csv" ? string.Join(',', CsvColumns) : "[");
        do
        {
            var page = await OperatorScope.RunAsync(services, Name, scoped => scoped.GetRequiredService<ISender>()
                .Send(new ListAuditEventsQuery(From: Since, Cursor: cursor, Limit: PageLimits.Max), cancellationToken).AsTask());
            if (page.IsFailure)
            {
                return await RefusedAsync(error, page.Error!);
            }

            foreach (var e in page.Value.Items)
            {
                if (Format == "csv")
                {
                    await target.WriteLineAsync(CsvLine(e, json));
                }
                else
                {
                    await target.WriteAsync(exported == 0 ? "  " : ",\n  ");
                    await target.WriteAsync(JsonSerializer.Serialize(e, json));
                }

                exported++;
            }

            await target.FlushAsync(cancellationToken);
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);

        if (Format == "json")
        {
            await target.WriteLineAsync(exported == 0 ? "]" : "\n]");
        }

        await target.FlushAsync(cancellationToken);
        await error.WriteLineAsync($"Exported {exported} audit event(s){(OutputPath is null ? "" : " to " + OutputPath)}.");
        return Succeeded;
    }

    /// <summary>One CSV record (RFC 4180 quoting). A cell that a spreadsheet would run as a formula gets a leading <c>'</c>.</summary>
    public static string CsvLine(AuditEventDto e, JsonSerializerOptions json)
    {
        string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        string? Wire<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, json).Trim('"');
        string?[] cells =
        [
            e.Id.ToString(), Time(e.OccurredAt), Wire(e.ActorKind), e.ActorId, e.ActorDisplay, e.Action, e.TargetType, e.TargetId,
            e.TeamId?.ToString(), e.Team, Wire(e.Outcome), e.CorrelationId, e.ClientIp, e.UserAgent,
            e.Sequence?.ToString(CultureInfo.InvariantCulture), e.PreviousHash, e.Hash, Time(e.SealedAt), e.KeyId,
            Time(e.RejectedAt), e.Details.GetRawText(),
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
