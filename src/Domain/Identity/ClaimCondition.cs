using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Identity;

/// <summary>
/// A condition on one token claim that a machine identity requires. The pattern is compared with the
/// claim's value ordinally (case-sensitive): exactly, or, when it contains <c>*</c>, as a wildcard pattern
/// in which each <c>*</c> stands for any run of characters (including none). A multi-valued claim
/// satisfies the condition when any of its values does; a missing claim never does.
/// </summary>
public sealed record ClaimCondition
{
    public const int MaxClaimLength = 200;
    public const int MaxPatternLength = 400;
    public const char Wildcard = '*';

    private ClaimCondition(string claim, string pattern)
    {
        Claim = claim;
        Pattern = pattern;
    }

    /// <summary>The claim name as it appears in the token, for example <c>repository_owner_id</c>.</summary>
    public string Claim { get; }

    /// <summary>The exact value, or a pattern with <c>*</c> wildcards.</summary>
    public string Pattern { get; }

    public bool IsWildcard => Pattern.Contains(Wildcard, StringComparison.Ordinal);

    public static Result<ClaimCondition> Create(string? claim, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(claim) || claim.Length > MaxClaimLength || claim.Any(char.IsWhiteSpace))
        {
            return MachineIdentityErrors.InvalidCondition(
                $"A claim name is 1-{MaxClaimLength} characters without spaces.");
        }

        if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxPatternLength)
        {
            return MachineIdentityErrors.InvalidCondition(
                $"The value or pattern for claim '{claim}' must be 1-{MaxPatternLength} characters.");
        }

        return new ClaimCondition(claim, pattern);
    }

    /// <summary>True when any of <paramref name="values"/> satisfies the condition.</summary>
    public bool IsSatisfiedBy(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    public bool Matches(string? value)
    {
        if (value is null)
        {
            return false;
        }

        return IsWildcard ? WildcardMatch(Pattern, value) : string.Equals(Pattern, value, StringComparison.Ordinal);
    }

    /// <summary>
    /// True when one claim value could satisfy both conditions (they name the same claim). Exact values overlap
    /// when equal; an exact value and a pattern when the pattern matches it; two patterns unless their literal
    /// prefixes (before the first <c>*</c>) or literal suffixes (after the last <c>*</c>) contradict each other,
    /// which is the only way two <c>*</c> patterns can be proven disjoint without enumerating values.
    /// Conservative: "may overlap" is reported as overlap.
    /// </summary>
    public bool MayOverlap(ClaimCondition other)
    {
        if (!IsWildcard && !other.IsWildcard)
        {
            return string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);
        }

        if (!IsWildcard)
        {
            return other.Matches(Pattern);
        }

        if (!other.IsWildcard)
        {
            return Matches(other.Pattern);
        }

        var prefix = Pattern[..Pattern.IndexOf(Wildcard, StringComparison.Ordinal)];
        var otherPrefix = other.Pattern[..other.Pattern.IndexOf(Wildcard, StringComparison.Ordinal)];
        var suffix = Pattern[(Pattern.LastIndexOf(Wildcard) + 1)..];
        var otherSuffix = other.Pattern[(other.Pattern.LastIndexOf(Wildcard) + 1)..];
        return (prefix.StartsWith(otherPrefix, StringComparison.Ordinal) || otherPrefix.StartsWith(prefix, StringComparison.Ordinal))
            && (suffix.EndsWith(otherSuffix, StringComparison.Ordinal) || otherSuffix.EndsWith(suffix, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whole-value glob match where <c>*</c> matches any run of characters. Iterative with a single
    /// backtrack point, so the cost is bounded by pattern length times value length (no exponential cases).
    /// </summary>
    public static bool WildcardMatch(string pattern, string value)
    {
        int p = 0, v = 0, starAt = -1, resumeAt = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == Wildcard)
            {
                starAt = p++;
                resumeAt = v;
            }
            else if (p < pattern.Length && pattern[p] == value[v])
            {
                p++;
                v++;
            }
            else if (starAt >= 0)
            {
                p = starAt + 1;
                v = ++resumeAt;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == Wildcard)
        {
            p++;
        }

        return p == pattern.Length;
    }
}
