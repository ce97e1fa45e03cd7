namespace RunnerTokens.Api.Contracts.Users;

/// <summary>
/// Pre-register a person: issuer and subject, email (bound at first sign-in), or both. An issuer with an email and no
/// subject names the one issuer whose verified email may bind the user; an email alone binds through any issuer
/// configured with <c>TrustEmail</c>.
/// </summary>
public sealed record CreateUserRequest(string? Issuer, string? Subject, string? Email, string? DisplayName, bool? IsAdmin);
