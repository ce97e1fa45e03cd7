namespace RunnerTokens.Web.MachineIdentities;

/// <summary>
/// What a GitHub Actions workflow's OIDC token must carry to act as a machine identity, built from the repository
/// owner, repository, branch and (when the issuer requires them, see <c>Authentication:Issuers:N:RequiredClaimConditions</c>)
/// the immutable owner and repository ids. Blank inputs add no condition; a branch may use <c>*</c> wildcards.
/// </summary>
public sealed record GitHubActionsConditions(string? Owner, string? Repository, string? Branch, string? OwnerId = null, string? RepositoryId = null)
{
    /// <summary>The issuer of GitHub Actions OIDC tokens.</summary>
    public const string Issuer = "https://token.actions.githubusercontent.com";

    private const string BranchPrefix = "refs/heads/";

    /// <summary>The owner: as given, or the part before the slash of an <c>owner/name</c> repository.</summary>
    public string? EffectiveOwner => Clean(Owner) ?? (Clean(Repository) is { } repo && repo.Contains('/', StringComparison.Ordinal) ? repo[..repo.IndexOf('/', StringComparison.Ordinal)] : null);

    /// <summary>The <c>repository</c> claim (<c>owner/name</c>): a bare name is prefixed with the owner.</summary>
    public string? FullRepository => Clean(Repository) switch
    {
        null => null,
        var repo when repo.Contains('/', StringComparison.Ordinal) => repo,
        var repo => EffectiveOwner is { } owner ? $"{owner}/{repo}" : null,
    };

    /// <summary>The <c>ref</c> claim of a push to the branch.</summary>
    public string? Ref => Clean(Branch) is { } branch ? BranchPrefix + (branch.StartsWith(BranchPrefix, StringComparison.Ordinal) ? branch[BranchPrefix.Length..] : branch) : null;

    /// <summary>The token's exact <c>sub</c> for a job on that branch, when repository and branch are known and exact (no wildcard).</summary>
    public string? Subject => FullRepository is { } repo && Ref is { } gitRef && !gitRef.Contains('*', StringComparison.Ordinal)
        ? $"repo:{repo}:ref:{gitRef}"
        : null;

    /// <summary>Claim name to value or pattern, in a stable order.</summary>
    public IReadOnlyDictionary<string, string> Conditions
    {
        get
        {
            var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
            Add(conditions, "repository_owner", EffectiveOwner);
            Add(conditions, "repository_owner_id", Clean(OwnerId));
            Add(conditions, "repository", FullRepository);
            Add(conditions, "repository_id", Clean(RepositoryId));
            Add(conditions, "ref", Ref);
            return conditions;
        }
    }

    /// <summary>The claims <paramref name="requiredClaims"/> (the issuer's required conditions) that these conditions leave out.</summary>
    public IReadOnlyList<string> MissingOf(IEnumerable<string> requiredClaims) =>
        [.. requiredClaims.Where(claim => !Conditions.ContainsKey(claim))];

    private static void Add(Dictionary<string, string> conditions, string claim, string? value)
    {
        if (value is not null)
        {
            conditions[claim] = value;
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
