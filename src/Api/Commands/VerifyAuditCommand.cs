using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Audit.VerifyAuditTrail;

namespace RunnerTokens.Api.Commands;

/// <summary>
/// <c>verify-audit [--anchor-sequence N --anchor-hash HEX] [--json]</c>: walks the sealed audit chain
/// (<see cref="VerifyAuditTrailQuery"/>, the use case behind <c>GET /api/v1/audit-events/verify</c>). Exit 0 when
/// intact; 1 with the first broken link printed otherwise.
/// </summary>
public sealed class VerifyAuditCommand : AdminCommand
{
    private VerifyAuditCommand(long? anchorSequence, string? anchorHash, bool json)
    {
        AnchorSequence = anchorSequence;
        AnchorHash = anchorHash;
        Json = json;
    }

    public override string Name => "verify-audit";

    public long? AnchorSequence { get; }

    public string? AnchorHash { get; }

    public bool Json { get; }

    public static VerifyAuditCommand From(CommandOptions options)
    {
        var command = new VerifyAuditCommand(options.Number("anchor-sequence"), options.Text("anchor-hash"), options.Flag("json"));
        options.RejectUnknown();
        return command;
    }

    protected override Task<int> ExecuteAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        OperatorScope.RunAsync(services, Name, async scoped =>
        {
            var verified = await scoped.GetRequiredService<ISender>()
                .Send(new VerifyAuditTrailQuery(AnchorSequence, AnchorHash), cancellationToken);
            if (verified.IsFailure)
            {
                return await RefusedAsync(error, verified.Error!);
            }

            var result = verified.Value;
            if (Json)
            {
                var json = scoped.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                await output.WriteLineAsync(JsonSerializer.Serialize(result, json));
            }
            else
            {
                await output.WriteLineAsync(Describe(result));
            }

            return result.Valid ? Succeeded : Refused;
        });

    /// <summary>The verification in a few lines: the first broken link first when there is one.</summary>
    public static string Describe(AuditTrailVerification result)
    {
        var lines = new List<string>();
        if (result.Valid)
        {
            lines.Add($"Audit trail intact: {result.Checked} sealed event(s) verified, head #{result.HeadSequence} {result.HeadHash ?? "-"}.");
        }
        else
        {
            lines.Add($"Audit trail BROKEN at sequence {result.FirstBrokenSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
                + $" (event {result.FirstBrokenEventId?.ToString() ?? "-"}): {result.Reason}.");
            if (result.Detail is not null)
            {
                lines.Add(result.Detail);
            }

            lines.Add($"Intact before the break: {result.Checked} event(s), up to #{result.HeadSequence}.");
        }

        lines.Add($"Unsealed (not covered yet): {result.Unsealed}; rejected: {result.Rejected}; legacy unkeyed: {result.Legacy}; anchors matched: {result.AnchorsMatched}"
            + (result.CheckpointSequence is { } checkpoint ? $" (latest checkpoint #{checkpoint})." : " (no checkpoint yet)."));
        return string.Join(Environment.NewLine, lines);
    }
}
