using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Identity;

/// <summary>
/// A non-human caller acting for exactly one team (a CI pipeline, an OAuth client-credentials client).
/// It is matched by the token's issuer and subject (both exact) and, optionally, by conditions on other
/// claims that must all hold. It is never an administrator and never manages its team.
/// </summary>
public sealed class MachineIdentity : Entity
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxIssuerLength = 400;
    public const int MaxSubjectLength = 400;
    public const int MaxConditions = 20;

    private MachineIdentity(Guid id) : base(id) { }

    public Guid TeamId { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string Description { get; private set; } = string.Empty;

    /// <summary>The token's <c>iss</c> value, exactly as the issuer writes it.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The token's <c>sub</c> value, compared exactly (client id, <c>repo:acme/infra:ref:refs/heads/main</c>, ...).</summary>
    public string Subject { get; private set; } = string.Empty;

    public IReadOnlyList<ClaimCondition> ClaimConditions { get; private set; } = [];

    /// <summary>When set, each token (by <c>jti</c>) is accepted once; a replay before it expires is refused.</summary>
    public bool SingleUseTokens { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>The user who created it.</summary>
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Result<MachineIdentity> Create(
        Guid teamId,
        string name,
        string? description,
        string issuer,
        string subject,
        IReadOnlyCollection<ClaimCondition> conditions,
        bool singleUseTokens,
        Guid createdBy,
        DateTimeOffset now)
    {
        var identity = new MachineIdentity(Guid.CreateVersion7(now))
        {
            TeamId = teamId,
            IsActive = true,
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
            SingleUseTokens = singleUseTokens,
            Description = description?.Trim() ?? string.Empty,
        };

        var renamed = identity.Rename(name, now);
        if (renamed.IsFailure)
        {
            return renamed.Error;
        }

        var matched = identity.ChangeMatch(issuer, subject, conditions, now);
        return matched.IsFailure ? matched.Error : identity;
    }

    public Result Rename(string? name, DateTimeOffset now)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            return MachineIdentityErrors.NameRequired;
        }

        Name = trimmed;
        UpdatedAt = now;
        return Result.Success();
    }

    public void Describe(string? description, DateTimeOffset now)
    {
        Description = description?.Trim() ?? string.Empty;
        UpdatedAt = now;
    }

    /// <summary>Replaces what a token must carry to act as this identity.</summary>
    public Result ChangeMatch(string? issuer, string? subject, IReadOnlyCollection<ClaimCondition> conditions, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject)
            || issuer.Length > MaxIssuerLength || subject.Length > MaxSubjectLength)
        {
            return MachineIdentityErrors.IssuerAndSubjectRequired;
        }

        if (conditions.Count > MaxConditions)
        {
            return MachineIdentityErrors.TooManyConditions;
        }

        if (conditions.Select(c => c.Claim).Distinct(StringComparer.Ordinal).Count() != conditions.Count)
        {
            return MachineIdentityErrors.DuplicateCondition;
        }

        Issuer = issuer;
        Subject = subject;
        ClaimConditions = [.. conditions.OrderBy(c => c.Claim, StringComparer.Ordinal)];
        UpdatedAt = now;
        return Result.Success();
    }

    public void RequireSingleUseTokens(bool singleUse, DateTimeOffset now)
    {
        SingleUseTokens = singleUse;
        UpdatedAt = now;
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        UpdatedAt = now;
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }

    /// <summary>
    /// True when some token could match both identities, so resolution could not tell them apart: both active,
    /// same issuer (ignoring one trailing slash) and subject, and their claim conditions overlap. Two condition
    /// sets overlap unless some claim has a condition in both that no single value satisfies together
    /// (<see cref="ClaimCondition.MayOverlap"/>); a claim conditioned in only one set never separates them,
    /// since a token may carry any value for it. Claims are treated as single-valued, as issuers write them.
    /// </summary>
    public bool OverlapsWith(MachineIdentity other) =>
        Id != other.Id
        && IsActive && other.IsActive
        && IssuerIdentifier.AreEqual(Issuer, other.Issuer)
        && string.Equals(Subject, other.Subject, StringComparison.Ordinal)
        && ConditionsOverlap(ClaimConditions, other.ClaimConditions);

    /// <summary>The condition-set rule of <see cref="OverlapsWith"/>.</summary>
    public static bool ConditionsOverlap(IReadOnlyCollection<ClaimCondition> first, IReadOnlyCollection<ClaimCondition> second) =>
        first.All(a => second.Where(b => string.Equals(a.Claim, b.Claim, StringComparison.Ordinal)).All(a.MayOverlap));

    /// <summary>The claims of <paramref name="requiredClaims"/> that have no condition here (in their order).</summary>
    public IReadOnlyList<string> MissingConditions(IEnumerable<string> requiredClaims) =>
        [.. requiredClaims.Where(claim => ClaimConditions.All(c => !string.Equals(c.Claim, claim, StringComparison.Ordinal)))];

    /// <summary>
    /// True when a token with this issuer, subject and claims may act as this identity: active, issuer equal
    /// (ordinal, ignoring one trailing slash), subject equal (ordinal), and every claim condition satisfied.
    /// </summary>
    /// <param name="claimValues">All values of a claim in the token; empty when the token lacks it.</param>
    public bool Matches(string issuer, string subject, Func<string, IEnumerable<string>> claimValues) =>
        IsActive
        && IssuerIdentifier.AreEqual(Issuer, issuer)
        && string.Equals(Subject, subject, StringComparison.Ordinal)
        && ClaimConditions.All(c => c.IsSatisfiedBy(claimValues(c.Claim)));
}
