using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>A description for every tag (one tag per controller), as generated clients and the reference show them.</summary>
internal sealed class TagDescriptionsTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["AdminSync"] = "The runner sync with GitHub (administrators only).",
        ["AuditEvents"] = "The tamper-evident audit trail of every state change.",
        ["GitHubWebhooks"] = "GitHub's webhook deliveries, authenticated by the HMAC signature, not by a bearer token.",
        ["MachineIdentities"] = "A team's machine identities (administrators and the team's maintainers).",
        ["Me"] = "The caller: who the service takes them for, and their teams.",
        ["Runners"] = "Provisioning (JIT configurations, registration tokens), listing and deleting self-hosted runners.",
        ["SecurityEvents"] = "Security-relevant events: refused tokens, replays, policy violations (administrators).",
        ["TeamMembers"] = "A team's users and their roles. Administrators and the team's maintainers change them.",
        ["TeamPolicy"] = "A team's versioned label policy and the admission decision it makes.",
        ["Teams"] = "Teams: the unit of authorization. {team} is the team's name.",
        ["Users"] = "The users admin API (administrators only).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag is OpenApiTag concrete && concrete.Name is { } name)
            {
                concrete.Description ??= Descriptions.GetValueOrDefault(name, $"The {name} operations.");
            }
        }

        return Task.CompletedTask;
    }
}
