using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RunnerTokens.Domain.Identity;

namespace RunnerTokens.Domain.Audit;

/// <summary>
/// The audit chain. Keyed (format <c>runnertokens.audit.v2</c>): <c>Hash(n) = HMAC-SHA256(key, canonical(n))</c>
/// where the canonical form of event n names the key id, then its sequence and <c>Hash(n-1)</c>, then every
/// content field. Changing any field of any sealed event, deleting one or reordering them breaks the chain
/// from that point on, and without the key (which is not in the database) nobody can recompute it.
/// Legacy (format <c>runnertokens.audit.v1</c>, events sealed before keys existed): plain SHA-256 of the v1
/// form described below, which is the v2 form without the key line.
/// </summary>
/// <remarks>
/// <para>The canonical form is format <c>runnertokens.audit.v1</c>, and must never change once events are
/// sealed with it (a new format needs a new version tag). It is UTF-8 text, one line per field, in this order:</para>
/// <code>
/// runnertokens.audit.v1\n
/// sequence=&lt;v&gt;\n previousHash=&lt;v&gt;\n id=&lt;v&gt;\n occurredAt=&lt;v&gt;\n actorKind=&lt;v&gt;\n
/// actorId=&lt;v&gt;\n actorDisplay=&lt;v&gt;\n action=&lt;v&gt;\n targetType=&lt;v&gt;\n targetId=&lt;v&gt;\n
/// teamId=&lt;v&gt;\n outcome=&lt;v&gt;\n details=&lt;v&gt;\n correlationId=&lt;v&gt;\n clientIp=&lt;v&gt;\n userAgent=&lt;v&gt;\n
/// </code>
/// <para>Each value <c>&lt;v&gt;</c> is <c>~</c> for null, otherwise <c>&lt;n&gt;:&lt;text&gt;</c> where n is the
/// UTF-8 byte length of the text, so no value can imitate a field boundary. Texts: sequence in invariant
/// decimal; hashes as lowercase hex; ids as lowercase <c>D</c>-format GUIDs; the time as UTC ticks (100 ns
/// units since 0001-01-01) in invariant decimal; actor kind as <c>user</c>|<c>machine</c>|<c>system</c>;
/// outcome as <c>succeeded</c>|<c>denied</c>|<c>failed</c>; details as the stored JSON text, verbatim.</para>
/// </remarks>
public static class AuditChain
{
    /// <summary>The legacy, unkeyed format (plain SHA-256).</summary>
    public const string FormatVersion = "runnertokens.audit.v1";

    /// <summary>The keyed chain format (HMAC-SHA256).</summary>
    public const string KeyedFormatVersion = "runnertokens.audit.v2";

    /// <summary>The MAC written with an event when the application inserts it, before it is sealed.</summary>
    public const string InsertFormatVersion = "runnertokens.audit.insert.v1";

    /// <summary>Lowercase hex SHA-256 of the legacy canonical form (events sealed without a key id).</summary>
    public static string ComputeHash(long sequence, string? previousHash, AuditEventContent content)
    {
        var bytes = Encoding.UTF8.GetBytes(Canonicalize(sequence, previousHash, content));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Lowercase hex HMAC-SHA256, under <paramref name="key"/>, of the keyed canonical form.</summary>
    public static string ComputeKeyedHash(AuditChainKey key, long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Mac(CanonicalizeKeyed(key.Id, sequence, previousHash, content));
    }

    /// <summary>The exact text that is hashed in the legacy format (see the class remarks).</summary>
    public static string Canonicalize(long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder(512);
        text.Append(FormatVersion).Append('\n');
        Field(text, "sequence", sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, "previousHash", previousHash);
        AppendContent(text, content);
        return text.ToString();
    }

    /// <summary>The keyed form: the v2 tag, <c>keyId</c>, then exactly the lines of the legacy form after its tag.</summary>
    public static string CanonicalizeKeyed(string keyId, long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder(512);
        text.Append(KeyedFormatVersion).Append('\n');
        Field(text, "keyId", keyId);
        Field(text, "sequence", sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, "previousHash", previousHash);
        AppendContent(text, content);
        return text.ToString();
    }

    /// <summary>
    /// The insert MAC: HMAC-SHA256 under the current key of the insert form (the insert tag, <c>keyId</c>,
    /// then the content lines). Only the application, holding the key, can write an event the sealer accepts.
    /// </summary>
    public static string ComputeInsertMac(AuditChainKey key, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Mac(CanonicalizeInsert(key.Id, content));
    }

    public static string CanonicalizeInsert(string keyId, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder(512);
        text.Append(InsertFormatVersion).Append('\n');
        Field(text, "keyId", keyId);
        AppendContent(text, content);
        return text.ToString();
    }

    private static void AppendContent(StringBuilder text, AuditEventContent content)
    {
        Field(text, "id", content.Id.ToString("D"));
        Field(text, "occurredAt", content.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(text, "actorKind", ActorKindName(content.ActorKind));
        Field(text, "actorId", content.ActorId);
        Field(text, "actorDisplay", content.ActorDisplay);
        Field(text, "action", content.Action);
        Field(text, "targetType", content.TargetType);
        Field(text, "targetId", content.TargetId);
        Field(text, "teamId", content.TeamId?.ToString("D"));
        Field(text, "outcome", OutcomeName(content.Outcome));
        Field(text, "details", content.DetailsJson);
        Field(text, "correlationId", content.CorrelationId);
        Field(text, "clientIp", content.ClientIp);
        Field(text, "userAgent", content.UserAgent);
    }

    /// <summary>One <c>name=value</c> line in the canonical encoding (length-prefixed; <c>~</c> for null).</summary>
    internal static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append('=');
        if (value is null)
        {
            text.Append('~');
        }
        else
        {
            text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        text.Append('\n');
    }

    // Explicit names: renaming an enum member must not silently change every hash.
    private static string ActorKindName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Machine => "machine",
        PrincipalKind.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No canonical name for this actor kind."),
    };

    private static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "succeeded",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "No canonical name for this outcome."),
    };
}
