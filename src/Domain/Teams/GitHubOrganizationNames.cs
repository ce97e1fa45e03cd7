namespace RunnerTokens.Domain.Teams;

/// <summary>
/// GitHub's rule for organization (account) names: 1-39 ASCII letters, digits and single hyphens, not
/// starting or ending with a hyphen. GitHub compares them case-insensitively.
/// </summary>
public static class GitHubOrganizationNames
{
    public const int MaxLength = 39;

    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '-' || name[^1] == '-')
        {
            return false;
        }

        return name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !name.Contains("--", StringComparison.Ordinal);
    }
}
