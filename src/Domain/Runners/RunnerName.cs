using System.Security.Cryptography;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Runners;

/// <summary>Runner naming rules: 1-64 of letters, digits, '.', '_', '-', starting with a letter or digit.</summary>
public static class RunnerName
{
    public const int MaxLength = 64;
    public const int MaxPrefixLength = 50;
    public const int SuffixLength = 8;

    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static readonly Error Invalid = Error.Validation(
        "runner.invalid_name",
        "A runner name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    public static readonly Error InvalidPrefix = Error.Validation(
        "runner.invalid_name_prefix",
        "A name prefix is 1-50 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    /// <summary>The longest <see cref="LiveKey"/>: a 39-character organization, '/', a 64-character name.</summary>
    public const int MaxLiveKeyLength = 39 + 1 + MaxLength;

    public static bool IsValid(string? name) => IsWellFormed(name, MaxLength);

    /// <summary>
    /// The name as GitHub compares it: case-insensitively (names are ASCII, so lowercase invariant is exact).
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// The unique key of a live runner: <c>organization/name</c>, both normalized, so neither <c>Foo-1</c> versus
    /// <c>foo-1</c> nor <c>Acme</c> versus <c>acme</c> (GitHub compares organizations case-insensitively too)
    /// lets two live rows claim one GitHub name.
    /// </summary>
    public static string LiveKey(string organization, string name)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return $"{organization.Trim().ToLowerInvariant()}/{Normalize(name)}";
    }

    public static bool IsValidPrefix(string? prefix) => IsWellFormed(prefix, MaxPrefixLength);

    /// <summary>The prefix, '-', and 8 random lowercase letters and digits.</summary>
    public static string WithRandomSuffix(string prefix)
    {
        Span<char> suffix = stackalloc char[SuffixLength];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = SuffixAlphabet[RandomNumberGenerator.GetInt32(SuffixAlphabet.Length)];
        }

        return $"{prefix}-{suffix}";
    }

    private static bool IsWellFormed(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
