using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Identity;

/// <summary>
/// A person known to the service. Identified by (issuer, subject) once they have signed in; may be
/// pre-registered by email before their first sign-in.
/// </summary>
public sealed class User : Entity
{
    private User(Guid id) : base(id) { }

    public string? Issuer { get; private set; }
    public string? Subject { get; private set; }
    public string? Email { get; private set; }

    /// <summary>
    /// For a user pre-registered by email: the one issuer whose verified email may bind it (null: any issuer with
    /// <c>TrustEmail</c>). Kept after the binding, as a record of how the user was admitted.
    /// </summary>
    public string? EmailIssuer { get; private set; }
    public string DisplayName { get; private set; } = string.Empty;
    public bool IsAdmin { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? LastSeenAt { get; private set; }

    public static Result<User> Register(string? issuer, string? subject, string? email, string? displayName, DateTimeOffset now)
    {
        var hasIdentity = !string.IsNullOrWhiteSpace(issuer) && !string.IsNullOrWhiteSpace(subject);
        if (!hasIdentity && string.IsNullOrWhiteSpace(email))
        {
            return UserErrors.IdentityRequired;
        }

        if (string.IsNullOrWhiteSpace(issuer) != string.IsNullOrWhiteSpace(subject))
        {
            return UserErrors.IssuerAndSubjectTogether;
        }

        var normalizedEmail = NormalizeEmail(email);
        return new User(Guid.CreateVersion7(now))
        {
            Issuer = hasIdentity ? issuer : null,
            Subject = hasIdentity ? subject : null,
            Email = normalizedEmail,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? normalizedEmail ?? subject! : displayName.Trim(),
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// A person known so far only by email, bound at their first sign-in with a verified email: from
    /// <paramref name="emailIssuer"/> only when given, else from any issuer that trusts emails.
    /// </summary>
    public static Result<User> PreRegisterByEmail(string? email, string? emailIssuer, string? displayName, DateTimeOffset now)
    {
        var registered = Register(null, null, email, displayName, now);
        if (registered.IsSuccess && !string.IsNullOrWhiteSpace(emailIssuer))
        {
            registered.Value.EmailIssuer = emailIssuer.Trim();
        }

        return registered;
    }

    /// <summary>True when a verified email from <paramref name="issuer"/> may bind this pre-registration.</summary>
    /// <param name="issuerTrustsEmails">The issuer is configured with <c>TrustEmail</c> (needed when no issuer is named).</param>
    public bool AcceptsEmailFrom(string issuer, bool issuerTrustsEmails) =>
        EmailIssuer is null ? issuerTrustsEmails : IssuerIdentifier.AreEqual(EmailIssuer, issuer);

    /// <summary>Binds a user pre-registered by email to the identity they signed in with.</summary>
    public Result BindIdentity(string issuer, string subject, DateTimeOffset now)
    {
        if (Issuer is not null)
        {
            return Issuer == issuer && Subject == subject ? Result.Success() : UserErrors.AlreadyBound;
        }

        Issuer = issuer;
        Subject = subject;
        UpdatedAt = now;
        return Result.Success();
    }

    /// <summary>Keeps the profile in step with what the identity provider says at sign-in.</summary>
    public void RecordSignIn(string? email, string? displayName, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(email) && Email is null)
        {
            Email = NormalizeEmail(email);
        }

        if (!string.IsNullOrWhiteSpace(displayName))
        {
            DisplayName = displayName.Trim();
        }

        LastSeenAt = now;
    }

    public void Rename(string displayName, DateTimeOffset now)
    {
        DisplayName = displayName.Trim();
        UpdatedAt = now;
    }

    public void GrantAdmin(DateTimeOffset now)
    {
        IsAdmin = true;
        UpdatedAt = now;
    }

    /// <param name="otherActiveAdmins">Active admins other than this user; the last one cannot step down.</param>
    public Result RevokeAdmin(int otherActiveAdmins, DateTimeOffset now)
    {
        if (IsAdmin && IsActive && otherActiveAdmins == 0)
        {
            return UserErrors.LastAdmin;
        }

        IsAdmin = false;
        UpdatedAt = now;
        return Result.Success();
    }

    /// <param name="otherActiveAdmins">Active admins other than this user; the last one cannot be deactivated.</param>
    public Result Deactivate(int otherActiveAdmins, DateTimeOffset now)
    {
        if (IsAdmin && IsActive && otherActiveAdmins == 0)
        {
            return UserErrors.LastAdmin;
        }

        IsActive = false;
        UpdatedAt = now;
        return Result.Success();
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        UpdatedAt = now;
    }

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
