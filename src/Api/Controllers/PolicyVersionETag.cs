using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace RunnerTokens.Api.Controllers;

/// <summary>
/// The label policy's version as an entity tag: <c>ETag: "3"</c> on reads and writes, and <c>If-Match: "3"</c>
/// to save only if the policy is still at that version (412 <c>policy.version_mismatch</c> otherwise).
/// </summary>
internal static class PolicyVersionETag
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version an If-Match header asks for: null when absent or <c>*</c> (any version); false when it
    /// is not one version's tag.
    /// </summary>
    public static bool TryParseIfMatch(string? header, out int? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag)
            || !int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }
}
