using System.Buffers;
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
        ArgumentNullException.ThrowIfNull(content);
        var form = new LegacyForm(sequence, previousHash, content);
        using var utf8 = Utf8Of(ref form);
        return Convert.ToHexStringLower(SHA256.HashData(utf8.Bytes));
    }

    /// <summary>Lowercase hex HMAC-SHA256, under <paramref name="key"/>, of the keyed canonical form.</summary>
    public static string ComputeKeyedHash(AuditChainKey key, long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var form = new KeyedForm(key.Id, sequence, previousHash, content);
        return Mac(key, ref form);
    }

    /// <summary>The exact text that is hashed in the legacy format (see the class remarks).</summary>
    public static string Canonicalize(long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new LegacyForm(sequence, previousHash, content);
        return TextOf(ref form);
    }

    /// <summary>The keyed form: the v2 tag, <c>keyId</c>, then exactly the lines of the legacy form after its tag.</summary>
    public static string CanonicalizeKeyed(string keyId, long sequence, string? previousHash, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new KeyedForm(keyId, sequence, previousHash, content);
        return TextOf(ref form);
    }

    /// <summary>
    /// The insert MAC: HMAC-SHA256 under the current key of the insert form (the insert tag, <c>keyId</c>,
    /// then the content lines). Only the application, holding the key, can write an event the sealer accepts.
    /// </summary>
    public static string ComputeInsertMac(AuditChainKey key, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var form = new InsertForm(key.Id, content);
        return Mac(key, ref form);
    }

    /// <summary>Whether <paramref name="mac"/> is <paramref name="key"/>'s insert MAC of the content (constant-time).</summary>
    public static bool IsInsertMac(AuditChainKey key, AuditEventContent content, string? mac)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var form = new InsertForm(key.Id, content);
        using var utf8 = Utf8Of(ref form);
        return key.Verify(utf8.Bytes, mac);
    }

    public static string CanonicalizeInsert(string keyId, AuditEventContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new InsertForm(keyId, content);
        return TextOf(ref form);
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

    // The hashes and MACs are computed over the form's UTF-8 bytes, written straight into a pooled buffer of the
    // exact length (measured first): on the provisioning path every event is put in canonical form three times
    // (insert MAC, its check when sealing, the chain hash), and text, then a UTF-8 copy, was most of what sealing allocated.
    // The text (Canonicalize*) comes from the same lines, so the two cannot drift apart.
    private static string Mac<TForm>(AuditChainKey key, ref TForm form)
        where TForm : struct, ICanonicalForm
    {
        using var utf8 = Utf8Of(ref form);
        return key.Mac(utf8.Bytes);
    }

    /// <summary>The form's UTF-8 bytes, in an array rented from the shared pool until disposed.</summary>
    private static RentedUtf8 Utf8Of<TForm>(ref TForm form)
        where TForm : struct, ICanonicalForm
    {
        var measure = default(Utf8Length);
        form.WriteTo(ref measure);
        var writer = new Utf8Writer(ArrayPool<byte>.Shared.Rent(measure.Length));
        form.WriteTo(ref writer);
        return new RentedUtf8(writer.Buffer, writer.Position);
    }

    private readonly ref struct RentedUtf8(byte[] buffer, int length)
    {
        public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    private static string TextOf<TForm>(ref TForm form)
        where TForm : struct, ICanonicalForm
    {
        var text = new TextLines(new StringBuilder(512));
        form.WriteTo(ref text);
        return text.Text.ToString();
    }

    private static void WriteContent<TLines>(ref TLines lines, AuditEventContent content)
        where TLines : struct, ICanonicalLines
    {
        lines.Field("id", content.Id);
        lines.Field("occurredAt", content.OccurredAt.UtcTicks);
        lines.Field("actorKind", ActorKindName(content.ActorKind));
        lines.Field("actorId", content.ActorId);
        lines.Field("actorDisplay", content.ActorDisplay);
        lines.Field("action", content.Action);
        lines.Field("targetType", content.TargetType);
        lines.Field("targetId", content.TargetId);
        lines.Field("teamId", content.TeamId);
        lines.Field("outcome", OutcomeName(content.Outcome));
        lines.Field("details", content.DetailsJson);
        lines.Field("correlationId", content.CorrelationId);
        lines.Field("clientIp", content.ClientIp);
        lines.Field("userAgent", content.UserAgent);
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

    /// <summary>One of the three forms, as its sequence of lines.</summary>
    private interface ICanonicalForm
    {
        void WriteTo<TLines>(ref TLines lines)
            where TLines : struct, ICanonicalLines;
    }

    private readonly record struct LegacyForm(long Sequence, string? PreviousHash, AuditEventContent Content) : ICanonicalForm
    {
        public void WriteTo<TLines>(ref TLines lines)
            where TLines : struct, ICanonicalLines
        {
            lines.Tag(FormatVersion);
            lines.Field("sequence", Sequence);
            lines.Field("previousHash", PreviousHash);
            WriteContent(ref lines, Content);
        }
    }

    private readonly record struct KeyedForm(string KeyId, long Sequence, string? PreviousHash, AuditEventContent Content) : ICanonicalForm
    {
        public void WriteTo<TLines>(ref TLines lines)
            where TLines : struct, ICanonicalLines
        {
            lines.Tag(KeyedFormatVersion);
            lines.Field("keyId", KeyId);
            lines.Field("sequence", Sequence);
            lines.Field("previousHash", PreviousHash);
            WriteContent(ref lines, Content);
        }
    }

    private readonly record struct InsertForm(string KeyId, AuditEventContent Content) : ICanonicalForm
    {
        public void WriteTo<TLines>(ref TLines lines)
            where TLines : struct, ICanonicalLines
        {
            lines.Tag(InsertFormatVersion);
            lines.Field("keyId", KeyId);
            WriteContent(ref lines, Content);
        }
    }

    /// <summary>Where the lines of a form go: text, a byte count, or UTF-8 bytes.</summary>
    private interface ICanonicalLines
    {
        void Tag(string formatVersion);

        void Field(string name, string? value);

        void Field(string name, long value);

        void Field(string name, Guid? value);
    }

    private readonly struct TextLines(StringBuilder text) : ICanonicalLines
    {
        public StringBuilder Text { get; } = text;

        public void Tag(string formatVersion) => Text.Append(formatVersion).Append('\n');

        public void Field(string name, string? value) => AuditChain.Field(Text, name, value);

        public void Field(string name, long value) => AuditChain.Field(Text, name, value.ToString(CultureInfo.InvariantCulture));

        public void Field(string name, Guid? value) => AuditChain.Field(Text, name, value?.ToString("D"));
    }

    /// <summary>Counts the UTF-8 bytes <see cref="Utf8Writer"/> will write.</summary>
    private struct Utf8Length : ICanonicalLines
    {
        private const int GuidLength = 36;

        public int Length { get; private set; }

        public void Tag(string formatVersion) => Length += Encoding.UTF8.GetByteCount(formatVersion) + 1;

        public void Field(string name, string? value) =>
            Length += Encoding.UTF8.GetByteCount(name) + 2 + (value is null ? 1 : Prefixed(Encoding.UTF8.GetByteCount(value)));

        public void Field(string name, long value) => Length += Encoding.UTF8.GetByteCount(name) + 2 + Prefixed(Digits(value));

        public void Field(string name, Guid? value) => Length += Encoding.UTF8.GetByteCount(name) + 2 + (value is null ? 1 : Prefixed(GuidLength));

        /// <summary>A value of n bytes as written: its length in decimal, ':', the value.</summary>
        private static int Prefixed(int bytes) => Digits(bytes) + 1 + bytes;

        private static int Digits(long value)
        {
            Span<byte> digits = stackalloc byte[20];
            value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
            return written;
        }
    }

    /// <summary>Writes the lines as UTF-8 into a buffer measured by <see cref="Utf8Length"/>.</summary>
    private struct Utf8Writer(byte[] buffer) : ICanonicalLines
    {
        public byte[] Buffer { get; } = buffer;

        public int Position { get; private set; }

        public void Tag(string formatVersion)
        {
            Text(formatVersion);
            Byte((byte)'\n');
        }

        public void Field(string name, string? value)
        {
            Name(name);
            if (value is null)
            {
                Byte((byte)'~');
            }
            else
            {
                Number(Encoding.UTF8.GetByteCount(value));
                Byte((byte)':');
                Text(value);
            }

            Byte((byte)'\n');
        }

        public void Field(string name, long value)
        {
            Span<byte> digits = stackalloc byte[20];
            value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
            Field(name, digits[..written]);
        }

        public void Field(string name, Guid? value)
        {
            if (value is not { } id)
            {
                Field(name, (string?)null);
                return;
            }

            Span<byte> text = stackalloc byte[36];
            id.TryFormat(text, out var written, "D");
            Field(name, text[..written]);
        }

        /// <summary>A line whose value is already UTF-8 (a number, a GUID).</summary>
        private void Field(string name, ReadOnlySpan<byte> value)
        {
            Name(name);
            Number(value.Length);
            Byte((byte)':');
            value.CopyTo(Buffer.AsSpan(Position));
            Position += value.Length;
            Byte((byte)'\n');
        }

        private void Name(string name)
        {
            Text(name);
            Byte((byte)'=');
        }

        private void Number(long value)
        {
            value.TryFormat(Buffer.AsSpan(Position), out var written, provider: CultureInfo.InvariantCulture);
            Position += written;
        }

        private void Text(string text) => Position += Encoding.UTF8.GetBytes(text, Buffer.AsSpan(Position));

        private void Byte(byte value) => Buffer[Position++] = value;
    }
}
