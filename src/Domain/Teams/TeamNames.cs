namespace RunnerTokens.Domain.Teams;

/// <summary>
/// The business rule for team names: a slug of 2-63 lowercase letters, digits and hyphens that starts
/// and ends with a letter or digit. The name appears in URLs (<c>/api/v1/teams/{team}</c>) and audit trails.
/// </summary>
public static class TeamNames
{
    public const int MinLength = 2;
    public const int MaxLength = 63;

    public static bool IsValid(string? name)
    {
        if (name is null || name.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        return IsLetterOrDigit(name[0]) && IsLetterOrDigit(name[^1]) && name.All(c => IsLetterOrDigit(c) || c == '-');
    }

    /// <summary>Names are lowercase, so a route value is compared lowercased.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
