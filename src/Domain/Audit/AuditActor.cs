using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>Who did something, as recorded in the audit trail.</summary>
public sealed record AuditActor(PrincipalKind Kind, string Id, string Display)
{
    public static readonly AuditActor Sync = new(PrincipalKind.System, "sync", "Runner sync");
    public static readonly AuditActor GitHubWebhook = new(PrincipalKind.System, "github-webhook", "GitHub webhook");
    public static readonly AuditActor Service = new(PrincipalKind.System, "service", "RunnerTokens");
    public static readonly AuditActor Anonymous = new(PrincipalKind.System, "anonymous", "Anonymous caller");
}
