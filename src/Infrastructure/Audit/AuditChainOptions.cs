namespace RunnerTokens.Infrastructure.Audit;

/// <summary>
/// The chain keys, in the <c>Audit</c> section. The current key comes from <see cref="ChainKey"/> (base64)
/// or <see cref="ChainKeyPath"/> (a file holding the base64 key), named <see cref="ChainKeyId"/>; retired
/// keys stay in <see cref="ChainKeys"/> so what they authenticated still verifies. Required outside
/// Development and Testing, where a fixed development key is used (with a warning) when none is set.
/// </summary>
public sealed class AuditChainOptions
{
    public const string SectionName = "Audit";

    /// <summary>The current key, base64, at least 32 bytes once decoded.</summary>
    public string? ChainKey { get; set; }

    /// <summary>A file whose content is the current key in base64 (relative paths: from the content root).</summary>
    public string? ChainKeyPath { get; set; }

    /// <summary>The id stored with every event and checkpoint the current key authenticates.</summary>
    public string ChainKeyId { get; set; } = "k1";

    /// <summary>Retired keys, still used to verify (never to write).</summary>
    public List<AuditChainKeyOptions> ChainKeys { get; set; } = [];
}

/// <summary>One retired key: its id and its base64 value (<see cref="Key"/>) or file (<see cref="KeyPath"/>).</summary>
public sealed class AuditChainKeyOptions
{
    public string? Id { get; set; }

    public string? Key { get; set; }

    public string? KeyPath { get; set; }
}
