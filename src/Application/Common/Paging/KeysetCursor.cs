using System.Buffers.Binary;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Common.Paging;

/// <summary>
/// Position in a newest-first listing ordered by (time, id). Opaque to clients: base64url of the
/// two keys, so a page boundary never skips or repeats rows that share a timestamp.
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset Time, Guid Id)
{
    public static readonly Error Invalid = Error.Validation("request.invalid_cursor", "The cursor is not one this service issued.");

    public string Encode()
    {
        Span<byte> buffer = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(buffer, Time.UtcTicks);
        Id.TryWriteBytes(buffer[8..], bigEndian: true, out _);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length != 32)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[24];
        var base64 = text.Replace('-', '+').Replace('_', '/');
        if (!Convert.TryFromBase64String(base64, buffer, out var written) || written != 24)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(buffer);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(buffer[8..], bigEndian: true));
        return true;
    }
}
