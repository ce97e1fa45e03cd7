namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The business rules for runner labels. A label is 1-100 ASCII letters, digits, <c>.</c>, <c>_</c> or
/// <c>-</c>; labels compare case-insensitively (as GitHub matches them); a runner carries at most 100;
/// GitHub's own labels are neither requested nor required, because GitHub adds them itself.
/// </summary>
public static class Labels
{
    public const int MaxLength = 100;

    /// <summary>The most labels one runner may carry, required and requested together.</summary>
    public const int MaxCount = 100;

    /// <summary>Labels compare case-insensitively everywhere: policy, request and final label set.</summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>The labels GitHub gives self-hosted runners itself; a policy or caller cannot use them.</summary>
    public static readonly IReadOnlySet<string> GitHubLabels =
        new HashSet<string>(["self-hosted", "linux", "windows", "macos", "x64", "arm", "arm64"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks one label against the rules; null when it is valid.</summary>
    public static LabelProblem? Check(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return LabelProblem.Empty;
        }

        if (label.Length > MaxLength)
        {
            return LabelProblem.TooLong;
        }

        foreach (var c in label)
        {
            if (!IsAllowedCharacter(c))
            {
                return LabelProblem.InvalidCharacters;
            }
        }

        return GitHubLabels.Contains(label) ? LabelProblem.ReservedByGitHub : null;
    }

    public static bool IsValid(string? label) => Check(label) is null;

    /// <summary>Stable code of a problem, used in violations (for example <c>label.reserved_by_github</c>).</summary>
    public static string Code(this LabelProblem problem) => problem switch
    {
        LabelProblem.Empty => "label.empty",
        LabelProblem.TooLong => "label.too_long",
        LabelProblem.InvalidCharacters => "label.invalid_characters",
        LabelProblem.ReservedByGitHub => "label.reserved_by_github",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    public static string Describe(this LabelProblem problem) => problem switch
    {
        LabelProblem.Empty => "A label cannot be empty.",
        LabelProblem.TooLong => $"A label has at most {MaxLength} characters.",
        LabelProblem.InvalidCharacters => "A label contains only letters (a-z, A-Z), digits, '.', '_' and '-'.",
        LabelProblem.ReservedByGitHub => "GitHub adds this label itself; it can be neither requested nor required.",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static bool IsAllowedCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
