using RunnerTokens.Domain.Common;

namespace RunnerTokens.Domain.Identity;

public static class UserErrors
{
    public static readonly Error IdentityRequired =
        Error.Validation("user.identity_required", "A user needs an issuer and subject, an email, or both.");

    public static readonly Error IssuerAndSubjectTogether =
        Error.Validation("user.issuer_subject_pair", "Issuer and subject must be given together.");

    public static readonly Error AlreadyBound =
        Error.Conflict("user.identity_already_bound", "The user is already bound to another identity.");

    public static readonly Error LastAdmin =
        Error.Conflict("user.last_admin", "The last active admin cannot be demoted or deactivated.");

    public static readonly Error Duplicate =
        Error.Conflict("user.duplicate", "A user with this identity or email already exists.");

    public static readonly Error NotFound = Error.NotFound("user.not_found", "No such user.");
}
