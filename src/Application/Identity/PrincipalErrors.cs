using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.Identity;

/// <summary>Why a valid token did not become a principal.</summary>
public static class PrincipalErrors
{
    public static readonly Error Unknown = Error.Forbidden(
        "principal.unknown",
        "The token is valid but belongs to no known user or machine identity. Ask an administrator to register you.");

    public static readonly Error Ambiguous = Error.Forbidden(
        "principal.ambiguous",
        "The token matches more than one user or machine identity, so it acts as none of them. Ask an administrator to narrow the machine identities' claim conditions.");

    public static readonly Error Deactivated = Error.Forbidden(
        "principal.deactivated",
        "Your account is deactivated.");

    public static readonly Error TokenReplayed = Error.Unauthenticated(
        "auth.token_replayed",
        "This token was already used; the machine identity accepts each token once.");

    /// <summary>A concurrent request completed the same first sign-in; resolving again reads its result.</summary>
    public static readonly Error ConcurrentSignIn = Error.Conflict(
        "principal.concurrent_sign_in",
        "Another request signed this identity in at the same moment; retry the request.");

    public static readonly Error TokenIdRequired = Error.Unauthenticated(
        "auth.token_id_required",
        "The machine identity accepts single-use tokens only, and this token has no jti or exp claim.");
}
