using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The business rules for allowed-label patterns. A pattern is a .NET regular expression matched against
/// the whole label (it is wrapped as <c>\A(?:pattern)\z</c>), case-insensitively, with the non-backtracking
/// engine, so matching time is linear in the label's length whatever the pattern. Patterns are checked
/// when a policy is saved: at most 200 characters, no control characters, they compile on their own (so
/// the wrapping cannot be escaped with an unbalanced parenthesis) and use only constructs the
/// non-backtracking engine supports. Compiled patterns are cached: policies are evaluated on every request.
/// </summary>
public static class LabelPatterns
{
    public const int MaxLength = 200;

    /// <summary>The most patterns one policy may hold.</summary>
    public const int MaxCount = 50;

    private const RegexOptions Options =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Cache bound: far above any real number of distinct patterns; cleared when reached.</summary>
    private const int CacheLimit = 4096;

    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>Checks a pattern; null when it can be saved.</summary>
    public static LabelPatternProblem? Check(string? pattern) => Analyze(pattern).Problem;

    private static (Regex? Regex, LabelPatternProblem? Problem) Analyze(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return Problem("pattern.empty", "A pattern cannot be empty.");
        }

        if (pattern.Length > MaxLength)
        {
            return Problem("pattern.too_long", $"A pattern has at most {MaxLength} characters.");
        }

        if (pattern.Any(char.IsControl))
        {
            return Problem("pattern.invalid", "A pattern cannot contain control characters (line breaks, tabs).");
        }

        try
        {
            // On its own first: a pattern such as "a)|(b" only compiles once wrapped, and would then
            // match any label starting with "a". A pattern that parses alone has balanced groups.
            _ = new Regex(pattern, Options);
            return (new Regex($@"\A(?:{pattern})\z", Options), null);
        }
        catch (RegexParseException ex)
        {
            return Problem("pattern.invalid", $"The pattern is not a valid .NET regular expression: {ex.Error} at offset {ex.Offset}.");
        }
        catch (NotSupportedException ex)
        {
            return Problem(
                "pattern.unsupported",
                "The pattern cannot run on the non-backtracking engine (lookarounds, backreferences, atomic groups, " +
                $"conditionals, balancing groups and \\G are not supported, and large counted repetitions are too big): {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            return Problem("pattern.invalid", $"The pattern is not a valid .NET regular expression: {ex.Message}");
        }
    }

    public static bool IsValid(string? pattern) => Check(pattern) is null;

    /// <summary>
    /// True when the whole label matches the pattern, ignoring case. A pattern that no longer compiles
    /// (it was checked when saved) matches nothing: the policy fails closed.
    /// </summary>
    public static bool IsMatch(string pattern, string label)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(label);
        return GetOrCompile(pattern)?.IsMatch(label) ?? false;
    }

    /// <summary>True when the label matches any of the patterns.</summary>
    public static bool MatchesAny(IEnumerable<string> patterns, string label) =>
        patterns.Any(pattern => IsMatch(pattern, label));

    private static Regex? GetOrCompile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(pattern, static p => Analyze(p).Regex);
    }

    private static (Regex?, LabelPatternProblem?) Problem(string code, string message) => (null, new LabelPatternProblem(code, message));
}
